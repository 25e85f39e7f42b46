#include "digit_segmentation.h"
#include "error.h"

#include <QPainter>
#include <QtTest>
#include <set>

using namespace digitpad;

namespace {
QImage paper(QSize size) {
    QImage image(size, QImage::Format_RGB32);
    image.fill(Qt::white);
    return image;
}

void draw(QImage &image, const QList<QPolygonF> &strokes, double pen = 14) {
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(Qt::black, pen, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    for (const QPolygonF &stroke : strokes)
        painter.drawPolyline(stroke);
}

// Every way through a piece's cut lattice: the slices' boxes, left to right.
std::vector<std::vector<QRect>> cutsOf(const CutLattice &lattice, int from = 0) {
    if (from == lattice.places - 1)
        return {{}};
    std::vector<std::vector<QRect>> cuts;
    for (const CutLattice::Slice &slice : lattice.slices)
        if (slice.from == from)
            for (std::vector<QRect> rest : cutsOf(lattice, slice.to)) {
                rest.insert(rest.begin(), slice.ink.box);
                cuts.push_back(rest);
            }
    return cuts;
}

// How many parts the ways through a piece's cut lattice have, each count once.
std::set<std::size_t> partCountsOf(const CutLattice &lattice) {
    std::vector<std::set<std::size_t>> counts(std::size_t(lattice.places));
    counts.front().insert(0);
    for (const CutLattice::Slice &slice : lattice.slices) // ordered by where they start
        for (const std::size_t count : counts[std::size_t(slice.from)])
            counts[std::size_t(slice.to)].insert(count + 1);
    return counts.back();
}

QPolygonF oval(QPointF centre, double rx, double ry) {
    QPolygonF points;
    for (int i = 0; i <= 40; ++i)
        points << centre +
                      QPointF(rx * std::cos(2 * M_PI * i / 40), ry * std::sin(2 * M_PI * i / 40));
    return points;
}
} // namespace

class SegmentationTest : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void onePieceIsThePictureItself() {
        QImage image = paper({300, 300});
        draw(image, {QPolygonF(QList<QPointF>{{100, 60}, {200, 60}, {140, 250}})}); // a 7
        const std::vector<DigitSegment> segments = segmentDigits(image);
        QCOMPARE(int(segments.size()), 1);
        QCOMPARE(segments.front().image, image);
        QVERIFY(segments.front().cuts.slices.empty());
    }

    void threeDigitsSideBySideAreThreeSegmentsLeftToRight() {
        QImage image = paper({640, 240});
        draw(image, {QPolygonF(QList<QPointF>{{420, 40}, {520, 40}, {460, 200}}), // 7, drawn first
                     QPolygonF(QList<QPointF>{{80, 40}, {80, 200}}),              // 1
                     oval({260, 120}, 45, 80)});                                  // 0
        const std::vector<DigitSegment> segments = segmentDigits(image);
        QCOMPARE(int(segments.size()), 3);
        QVERIFY(segments[0].box.right() < 120);
        QVERIFY(segments[1].box.left() > 180 && segments[1].box.right() < 340);
        QVERIFY(segments[2].box.left() > 380);
        for (const DigitSegment &segment : segments) {
            QVERIFY(!segment.image.isNull());
            QVERIFY(segment.cuts.slices.empty()); // none is wider than a digit
        }
    }

    void aBarAboveItsDigitJoinsIt() {
        QImage image = paper({300, 300});
        // A 5 whose top bar was drawn apart from its body.
        draw(image, {QPolygonF(QList<QPointF>{{110, 60}, {200, 60}}),
                     QPolygonF(QList<QPointF>{
                         {110, 80}, {105, 140}, {170, 140}, {195, 190}, {160, 250}, {100, 240}})});
        QCOMPARE(int(segmentDigits(image).size()), 1);
    }

    void aFivesBarDrawnApartStaysWithItsFiveAmongOtherDigits() {
        QImage image = paper({640, 300});
        // 517: the 5's bar starts over the right end of its body and reaches beyond it, so few
        // columns are shared; it holds more ink than a stroke's broken-off end.
        draw(image, {QPolygonF(QList<QPointF>{{160, 80}, {250, 75}}),
                     QPolygonF(QList<QPointF>{
                         {110, 90}, {105, 150}, {150, 145}, {172, 195}, {145, 255}, {95, 245}}),
                     QPolygonF(QList<QPointF>{{360, 70}, {360, 260}}),
                     QPolygonF(QList<QPointF>{{440, 70}, {560, 70}, {480, 260}})});
        const std::vector<DigitSegment> segments = segmentDigits(image);
        QCOMPARE(int(segments.size()), 3);
        QVERIFY(segments[0].box.right() > 240); // the bar is part of the 5
        QVERIFY(segments[1].box.left() > 330 && segments[1].box.right() < 390);
    }

    void specksAreDropped() {
        QImage image = paper({400, 300});
        draw(image, {QPolygonF(QList<QPointF>{{100, 50}, {100, 250}})});
        draw(image, {QPolygonF(QList<QPointF>{{320, 150}, {321, 150}})}, 4); // a speck of dust
        QCOMPARE(int(segmentDigits(image).size()), 1);
    }

    // Specks all over a picture (salt and pepper, dust) are paper: the digit is read in its own
    // box, not as a small part of a speckled sheet.
    void aDigitSprinkledWithSpecksIsReadInItsBox() {
        QImage image = paper({300, 300});
        draw(image, {QPolygonF(QList<QPointF>{{100, 60}, {200, 60}, {140, 250}})}); // a 7
        QRandomGenerator random(9);
        QPainter painter(&image);
        for (int i = 0; i < 60; ++i)
            painter.fillRect(int(random.bounded(296)), int(random.bounded(296)), 3, 3, Qt::black);
        painter.end();
        const std::vector<DigitSegment> segments = segmentDigits(image);
        QCOMPARE(int(segments.size()), 1);
        const QRect box = segments.front().box;
        QVERIFY2(box.left() > 80 && box.right() < 220 && box.top() > 40 && box.bottom() < 270,
                 qPrintable(QString("%1,%2 %3x%4")
                                .arg(box.x())
                                .arg(box.y())
                                .arg(box.width())
                                .arg(box.height())));
        const QRect read = segments.front().imageToPicture.mapRect(segments.front().image.rect());
        QVERIFY(read.contains(box) && read.width() < 170 && read.height() < 230);
    }

    // The dot of an i or a ! is a speck too, but one or two do not make a picture sprinkled.
    void aFewSpecksLeaveThePictureWhole() {
        QImage image = paper({300, 300});
        draw(image, {QPolygonF(QList<QPointF>{{150, 40}, {150, 200}})});
        draw(image, {QPolygonF(QList<QPointF>{{150, 250}, {151, 250}})}, 12);
        const std::vector<DigitSegment> segments = segmentDigits(image);
        QCOMPARE(int(segments.size()), 1);
        QCOMPARE(segments.front().image, image);
    }

    void touchingDigitsComeWithTheirCut() {
        QImage image = paper({400, 260});
        // Two zeros that touch: one piece, twice as wide as a digit.
        draw(image, {oval({140, 130}, 55, 95), oval({250, 130}, 55, 95)});
        const std::vector<DigitSegment> segments = segmentDigits(image);
        QCOMPARE(int(segments.size()), 1);
        // One way to cut it is where the outlines dip, between the two zeros.
        const auto cuts = cutsOf(segments.front().cuts);
        QVERIFY(std::any_of(cuts.begin(), cuts.end(), [](const std::vector<QRect> &parts) {
            return parts.size() == 2 && parts[0].right() < parts[1].left() + 10 &&
                   std::abs(parts[0].center().x() - 140) < 30 &&
                   std::abs(parts[1].center().x() - 250) < 30;
        }));
        // No slice is the whole piece, and each is black ink on a transparent sheet.
        for (const CutLattice::Slice &slice : segments.front().cuts.slices) {
            QVERIFY(slice.from > 0 || slice.to < segments.front().cuts.places - 1);
            QVERIFY(slice.ink.image.hasAlphaChannel());
        }
    }

    void zerosThatOverlapAreCutWhereTheirOutlinesMeet() {
        QImage image = paper({560, 500});
        // Drawn with a broad pen, the two zeros share a column of thick ink; the columns of
        // least ink are inside each zero.
        draw(image, {oval({190, 250}, 70, 120), oval({325, 250}, 70, 120)}, 18);
        const std::vector<DigitSegment> segments = segmentDigits(image);
        QCOMPARE(int(segments.size()), 1);
        const auto cuts = cutsOf(segments.front().cuts);
        QVERIFY(std::any_of(cuts.begin(), cuts.end(), [](const std::vector<QRect> &parts) {
            return parts.size() == 2 && std::abs(parts[0].center().x() - 190) < 12 &&
                   std::abs(parts[1].center().x() - 325) < 12;
        }));
    }

    void threeTouchingDigitsCanBeCutIntoThree() {
        QImage image = paper({600, 260});
        // Three wide zeros that touch: wide enough (aspect 2.4) to pass for four digits.
        draw(image, {oval({140, 130}, 88, 95), oval({290, 130}, 88, 95), oval({440, 130}, 88, 95)});
        const std::vector<DigitSegment> segments = segmentDigits(image);
        QCOMPARE(int(segments.size()), 1);
        const auto cuts = cutsOf(segments.front().cuts);
        QVERIFY(std::any_of(cuts.begin(), cuts.end(), [](const std::vector<QRect> &parts) {
            if (parts.size() != 3)
                return false;
            for (int k = 0; k < 3; ++k)
                if (std::abs(parts[std::size_t(k)].center().x() - (140 + 150 * k)) >= 40)
                    return false;
            return true;
        }));
    }

    // A long row of touching digits: wherever the best places to cut gather, some way through
    // the lattice still has as many parts as the row has digits.
    void aLongRowOfTouchingDigitsCanBeCutIntoEveryDigit() {
        QImage image = paper({1500, 260});
        QList<QPolygonF> digits;
        for (int k = 0; k < 5; ++k) // wavy 3s drawn as zigzags on the left, dipping often
            digits << QPolygonF(QList<QPointF>{{60.0 + 150 * k, 40},
                                               {215.0 + 150 * k, 45},
                                               {80.0 + 150 * k, 130},
                                               {215.0 + 150 * k, 220},
                                               {60.0 + 150 * k, 225}});
        for (int k = 0; k < 4; ++k) // round 0s on the right
            digits << oval({855.0 + 150 * k, 130}, 80, 95);
        draw(image, digits);
        const std::vector<DigitSegment> segments = segmentDigits(image);
        QCOMPARE(int(segments.size()), 1);
        QVERIFY(partCountsOf(segments.front().cuts).count(9) == 1);
    }

    // Two 0s that lean and touch: no column parts them, but a cut along the slanted gap does,
    // leaving each 0 whole.
    void aCutFollowsTheGapBetweenLeaningDigits() {
        QImage image = paper({420, 260});
        const auto leaning = [](QPolygonF points) {
            for (QPointF &point : points)
                point.rx() += 0.3 * (130 - point.y());
            return points;
        };
        draw(image, {leaning(oval({140, 130}, 55, 95)), leaning(oval({250, 130}, 55, 95))});
        const std::vector<DigitSegment> segments = segmentDigits(image);
        QCOMPARE(int(segments.size()), 1);
        const auto cuts = cutsOf(segments.front().cuts);
        QVERIFY(std::any_of(cuts.begin(), cuts.end(), [](const std::vector<QRect> &parts) {
            return parts.size() == 2 && parts[0].right() > parts[1].left() + 15 &&
                   std::abs(parts[0].center().x() - 140) < 8 &&
                   std::abs(parts[1].center().x() - 250) < 8;
        }));
    }

    // Among other digits, a 1 and a 7 that touch are not much wider than a 0, and may be cut too.
    void narrowTouchingDigitsBesideOthersComeWithCuts() {
        QImage image = paper({560, 260});
        draw(image, {oval({110, 130}, 55, 95)});                                    // a 0
        draw(image, {QPolygonF(QList<QPointF>{{260, 35}, {260, 225}}),              // a 1
                     QPolygonF(QList<QPointF>{{262, 40}, {420, 40}, {320, 225}})}); // a 7
        const std::vector<DigitSegment> segments = segmentDigits(image);
        QCOMPARE(int(segments.size()), 2);
        QVERIFY(segments.front().cuts.slices.empty()); // the 0 is as narrow as a digit
        const auto cuts = cutsOf(segments.back().cuts);
        QVERIFY(std::any_of(cuts.begin(), cuts.end(), [](const std::vector<QRect> &parts) {
            return parts.size() == 2 && parts[0].right() < 275 && parts[1].left() > 255;
        }));
    }

    void blankPictureIsAnError() {
        QVERIFY_THROWS_EXCEPTION(Error, segmentDigits(paper({100, 100})));
    }

    // A canvas not yet laid out is 0x0: an error to show, not a crash.
    void emptyOrHugePictureIsAnError() {
        QVERIFY_THROWS_EXCEPTION(Error, segmentDigits(QImage()));
        QVERIFY_THROWS_EXCEPTION(Error, segmentDigits(QImage(0, 10, QImage::Format_RGB32)));
        QVERIFY_THROWS_EXCEPTION(Error, segmentDigits(QImage(8000, 6000, QImage::Format_Mono)));
    }
};

QTEST_GUILESS_MAIN(SegmentationTest)
#include "test_segmentation.moc"
