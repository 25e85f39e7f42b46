#include "digit_segmentation.h"
#include "error.h"

#include <QPainter>
#include <QtTest>

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
        QVERIFY(segments.front().cuts.empty());
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
            QVERIFY(segment.cuts.empty()); // none is wider than a digit
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
        QVERIFY(!segments.front().cuts.empty());
        // The first cut is where the outlines dip, between the two zeros.
        const std::vector<DigitSegment> &parts = segments.front().cuts.front();
        QCOMPARE(int(parts.size()), 2);
        const QRect left = parts[0].box, right = parts[1].box;
        QVERIFY(left.right() < right.left() + 10);
        QVERIFY(std::abs(left.center().x() - 140) < 30);
        QVERIFY(std::abs(right.center().x() - 250) < 30);
    }

    void zerosThatOverlapAreCutWhereTheirOutlinesMeet() {
        QImage image = paper({560, 500});
        // Drawn with a broad pen, the two zeros share a column of thick ink; the columns of
        // least ink are inside each zero.
        draw(image, {oval({190, 250}, 70, 120), oval({325, 250}, 70, 120)}, 18);
        const std::vector<DigitSegment> segments = segmentDigits(image);
        QCOMPARE(int(segments.size()), 1);
        const auto &cuts = segments.front().cuts;
        QVERIFY(std::any_of(cuts.begin(), cuts.end(), [](const auto &cut) {
            return cut.size() == 2 && std::abs(cut[0].box.center().x() - 190) < 12 &&
                   std::abs(cut[1].box.center().x() - 325) < 12;
        }));
    }

    void wideTouchingDigitsAreAlsoCutIntoOneFewer() {
        QImage image = paper({600, 260});
        // Three wide zeros that touch: wide enough (aspect 2.4) to pass for four digits.
        draw(image, {oval({140, 130}, 88, 95), oval({290, 130}, 88, 95), oval({440, 130}, 88, 95)});
        const std::vector<DigitSegment> segments = segmentDigits(image);
        QCOMPARE(int(segments.size()), 1);
        const auto &cuts = segments.front().cuts;
        QVERIFY(
            std::any_of(cuts.begin(), cuts.end(), [](const auto &cut) { return cut.size() == 4; }));
        const auto three =
            std::find_if(cuts.begin(), cuts.end(), [](const auto &cut) { return cut.size() == 3; });
        QVERIFY(three != cuts.end());
        for (int k = 0; k < 3; ++k)
            QVERIFY2(std::abs((*three)[std::size_t(k)].box.center().x() - (140 + 150 * k)) < 40,
                     qPrintable(QString::number((*three)[std::size_t(k)].box.center().x())));
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
