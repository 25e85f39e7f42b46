// The model that setup trains and ships: it must read the held-out MNIST digits, the official
// test set, and digits drawn as pen strokes at other sizes, positions, widths, polarities and
// colours, and tell drawings that are no digit from digits.
#include "checkpoint.h"
#include "error.h"
#include "evaluation.h"
#include "mnist.h"
#include "number_reading.h"
#include "open_set_measure.h"
#include "preprocess.h"
#include "training_data.h"

#include <QPainter>
#include <QPainterPath>
#include <QRandomGenerator>
#include <QtTest>
#include <numeric>

using namespace digitpad;

namespace {
// Digit skeletons as polylines in a unit box (x right, y down).
QList<QPolygonF> strokesFor(int digit) {
    switch (digit) {
    case 0: {
        QPainterPath path;
        path.addEllipse(QRectF(0.2, 0.05, 0.6, 0.9));
        return {path.toFillPolygon()};
    }
    case 1:
        return {QPolygonF(QList<QPointF>{{0.35, 0.2}, {0.55, 0.05}, {0.55, 0.95}})};
    case 4:
        return {QPolygonF(QList<QPointF>{{0.6, 0.05}, {0.15, 0.65}, {0.85, 0.65}}),
                QPolygonF(QList<QPointF>{{0.62, 0.3}, {0.62, 0.95}})};
    case 7:
        return {QPolygonF(QList<QPointF>{{0.15, 0.08}, {0.85, 0.08}, {0.4, 0.95}})};
    default:
        return {};
    }
}

QImage drawDigit(int digit, QSize canvas, QRectF box, double penWidth, QColor ink, QColor paper) {
    QImage image(canvas, QImage::Format_ARGB32);
    image.fill(paper);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(ink, penWidth, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    for (const QPolygonF &stroke : strokesFor(digit)) {
        QPolygonF placed;
        for (const QPointF &p : stroke)
            placed << QPointF(box.left() + p.x() * box.width(), box.top() + p.y() * box.height());
        painter.drawPolyline(placed);
    }
    return image;
}
// Strokes of an 18-pixel black pen on white paper, as a mouse draws them on the canvas.
QImage drawnInBlack(QSize size, const QList<QPolygonF> &strokes) {
    QImage image(size, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(Qt::black, 18, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    for (const QPolygonF &stroke : strokes)
        painter.drawPolyline(stroke);
    return image;
}
} // namespace

// The rates the committed default model must keep, with a margin below what it reaches (README:
// what the default model reaches), so that a worse model cannot be committed unnoticed.
constexpr int kMaxTestDigitsRejected = 100;
constexpr double kMinUnseenDoodlesRejected = 0.90;
// Of the 200 numbers of readsNumbersOfHeldOutDigits() and readsNumbersOfTouchingHeldOutDigits().
constexpr int kMinNumbersRead = 185;
constexpr int kMinTouchingNumbersRead = 145;

class DefaultModelTest : public QObject {
    Q_OBJECT
    Classifier m_model;

    // How many of `count` numbers of 2-5 validation digits read exactly, the digits drawn on white
    // paper three times MNIST's size, each `step` to `step + spread` MNIST pixels after the last.
    int numbersReadExactly(int count, double step, double spread) const {
        const Dataset validation = splitsOf(m_model.metadata()).validation;
        QRandomGenerator random(5);
        int exact = 0;
        for (int n = 0; n < count; ++n) {
            const int length = 2 + int(random.bounded(4));
            constexpr double kScale = 3.0;
            QImage picture(int(length * 32 * kScale + 40), int(40 * kScale), QImage::Format_RGB32);
            picture.fill(Qt::white);
            QPainter painter(&picture);
            painter.setCompositionMode(QPainter::CompositionMode_Darken);
            painter.setRenderHint(QPainter::SmoothPixmapTransform);
            QString truth;
            double x = 10;
            for (int k = 0; k < length; ++k) {
                const int index = int(random.bounded(validation.size()));
                truth += QString::number(validation.labels[std::size_t(index)]);
                QImage digit(validation.image(index), 28, 28, 28, QImage::Format_Grayscale8);
                digit.invertPixels();
                const double y = (4 + 6 * (random.generateDouble() - 0.5)) * kScale;
                painter.drawImage(QRectF(x - 4 * kScale, y, 28 * kScale, 28 * kScale), digit);
                x += (step + spread * random.generateDouble()) * kScale;
            }
            painter.end();
            exact += readPicture(m_model, picture).number.number() == truth;
        }
        qInfo("%d of %d numbers read exactly", exact, count);
        return exact;
    }

  private Q_SLOTS:
    void initTestCase() { m_model = loadModel(QStringLiteral(DIGITPAD_DEFAULT_MODEL_PATH)); }

    void readsTheHeldOutValidationDigits() {
        const TrainingData data = splitsOf(m_model.metadata());
        const Evaluation evaluation = evaluate(m_model, data.validation);
        qInfo("default %s: %.2f%% on %d held-out digits",
              qPrintable(m_model.metadata().architecture), evaluation.accuracy * 100,
              data.validation.size());
        QVERIFY2(evaluation.accuracy >= 0.99, qPrintable(QString::number(evaluation.accuracy)));
    }

    // Numbers of two to five held-out digits written side by side, each box a little apart from
    // the last (from touching to a digit's width) and at its own height, at the canvas's scale.
    void readsNumbersOfHeldOutDigits() {
        const int exact = numbersReadExactly(200, 20, 12);
        QVERIFY2(exact >= kMinNumbersRead, qPrintable(QString::number(exact)));
    }

    // Digits closer than MNIST's box is wide, so that neighbours often touch, and a pair that
    // touches is one piece to cut apart.
    void readsNumbersOfTouchingHeldOutDigits() {
        const int exact = numbersReadExactly(200, 13, 4);
        QVERIFY2(exact >= kMinTouchingNumbersRead, qPrintable(QString::number(exact)));
    }

    // Judging only: nothing in training or in choosing the schedule reads the test set.
    void readsTheOfficialTestSet() {
        const Evaluation evaluation = evaluate(m_model, loadMnistTest());
        qInfo("default %s: %.2f%% on the 10,000 official test digits",
              qPrintable(m_model.metadata().architecture), evaluation.accuracy * 100);
        QVERIFY2(evaluation.accuracy >= 0.993, qPrintable(QString::number(evaluation.accuracy)));
    }

    // Things that are no digit: the model's not-a-digit class says so (bench_not_a_digit has the
    // rates over many drawings); real digits are not rejected.
    void scribblesAndShapesAreNotDigits_data() {
        QTest::addColumn<QList<QPolygonF>>("strokes");
        QTest::newRow("hash") << QList<QPolygonF>{
            QPolygonF(QList<QPointF>{{0.35, 0.05}, {0.3, 0.95}}),
            QPolygonF(QList<QPointF>{{0.7, 0.05}, {0.65, 0.95}}),
            QPolygonF(QList<QPointF>{{0.05, 0.35}, {0.95, 0.35}}),
            QPolygonF(QList<QPointF>{{0.05, 0.68}, {0.95, 0.68}})};
        QTest::newRow("crossed-out 4")
            << QList<QPolygonF>{QPolygonF(QList<QPointF>{{0.65, 0.05}, {0.12, 0.66}, {0.88, 0.66}}),
                                QPolygonF(QList<QPointF>{{0.65, 0.05}, {0.65, 0.95}}),
                                QPolygonF(QList<QPointF>{{0.0, 0.0}, {1.0, 1.0}}),
                                QPolygonF(QList<QPointF>{{1.0, 0.0}, {0.0, 1.0}})};
        // Letters and shapes of straight strokes, like those the not-a-digit class learns from
        // figures drawn with handwritten 1s (augmentation.h: makeStickFigures). A square is not
        // here: the default model rejects four in five (README: what the default model reaches).
        QTest::newRow("letter M") << QList<QPolygonF>{QPolygonF(
            QList<QPointF>{{0.05, 0.95}, {0.15, 0.05}, {0.5, 0.7}, {0.85, 0.05}, {0.95, 0.95}})};
        QTest::newRow("plus") << QList<QPolygonF>{
            QPolygonF(QList<QPointF>{{0.5, 0.1}, {0.5, 0.9}}),
            QPolygonF(QList<QPointF>{{0.1, 0.5}, {0.9, 0.5}})};
        QTest::newRow("letter H") << QList<QPolygonF>{
            QPolygonF(QList<QPointF>{{0.2, 0.05}, {0.2, 0.95}}),
            QPolygonF(QList<QPointF>{{0.8, 0.05}, {0.8, 0.95}}),
            QPolygonF(QList<QPointF>{{0.2, 0.5}, {0.8, 0.5}})};
        QTest::newRow("triangle") << QList<QPolygonF>{
            QPolygonF(QList<QPointF>{{0.5, 0.05}, {0.95, 0.9}, {0.05, 0.9}, {0.5, 0.05}})};
        QTest::newRow("star") << QList<QPolygonF>{
            QPolygonF(QList<QPointF>{{0.5, 0.05}, {0.5, 0.95}}),
            QPolygonF(QList<QPointF>{{0.1, 0.25}, {0.9, 0.75}}),
            QPolygonF(QList<QPointF>{{0.9, 0.25}, {0.1, 0.75}})};
    }
    void scribblesAndShapesAreNotDigits() {
        QFETCH(QList<QPolygonF>, strokes);
        QList<QPolygonF> placed;
        for (const QPolygonF &stroke : strokes)
            placed << QTransform(280, 0, 0, 320, 60, 40).map(stroke);
        const QImage image = drawnInBlack(QSize(400, 400), placed);
        const Prediction prediction = m_model.predict(preprocessImage(image));
        QVERIFY(prediction.notDigitScore.has_value());
        QVERIFY2(!prediction.isDigit(),
                 qPrintable(QStringLiteral("read as %1 (%2), not-a-digit score %3")
                                .arg(prediction.digit)
                                .arg(prediction.confidence)
                                .arg(*prediction.notDigitScore)));
    }

    // A wide shape of one piece may be cut where it is thinnest, as touching digits are; its
    // parts must not then pass as a number. This triangle read "11" while a cut's parts were
    // judged with a number's leniency and at 80%; this X read "76" while a cut of a picture the
    // model rejects whole needed 90% for every part, not 99.9%.
    void aWideShapeIsNotReadAsANumber_data() {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QList<QPolygonF>>("strokes");
        QTest::newRow("triangle") << QSize(640, 590)
                                  << QList<QPolygonF>{QPolygonF(QList<QPointF>{
                                         {318, 96}, {508, 426}, {138, 426}, {318, 96}})};
        QTest::newRow("X") << QSize(520, 340)
                           << QList<QPolygonF>{QPolygonF(QList<QPointF>{{84, 53}, {436, 287}}),
                                               QPolygonF(QList<QPointF>{{436, 53}, {84, 287}})};
    }
    void aWideShapeIsNotReadAsANumber() {
        QFETCH(QSize, size);
        QFETCH(QList<QPolygonF>, strokes);
        const PictureReading reading = readPicture(m_model, drawnInBlack(size, strokes));
        QVERIFY2(reading.number.number() == QStringLiteral("?"),
                 qPrintable(QStringLiteral("read as %1").arg(reading.number.number())));
    }

    // Two zeros drawn so that they touch are one piece, which the model rejects whole
    // (not-a-digit score 3.9): it is cut only if every part is near certain, as at the column
    // where the outlines meet, and then the number is read.
    void twoTouchingZerosReadAsANumber() {
        const auto zero = [](QPointF centre) {
            QPainterPath path;
            path.addEllipse(centre, 70, 120);
            return path.toFillPolygon();
        };
        const PictureReading reading =
            readPicture(m_model, drawnInBlack({560, 500}, {zero({190, 250}), zero({325, 250})}));
        QCOMPARE(reading.number.number(), QStringLiteral("00"));
    }

    // While the pen moves the Draw tab defers cuts: the same zeros read as one piece, rejected,
    // and the cut comes with the full reading once the stroke ends.
    void deferredCutsReadTouchingZerosWhole() {
        const auto zero = [](QPointF centre) {
            QPainterPath path;
            path.addEllipse(centre, 70, 120);
            return path.toFillPolygon();
        };
        const QImage picture = drawnInBlack({560, 500}, {zero({190, 250}), zero({325, 250})});
        QCOMPARE(readPicture(m_model, picture, CutTrial::Deferred).number.number(),
                 QStringLiteral("?"));
        QCOMPARE(readPicture(m_model, picture, CutTrial::Now).number.number(),
                 QStringLiteral("00"));
    }

    // While the pen moves, a number's whole is read for its nearest digit only: whether it is a
    // digit at all (four readings more, over its views) waits for the stroke to end.
    void aNumberIsJudgedWholeOnlyOnceThePenLifts() {
        const auto one = [](double x) {
            return QPolygonF(QList<QPointF>{{x - 25, 160}, {x + 10, 100}, {x + 10, 400}});
        };
        const QImage picture = drawnInBlack({560, 500}, {one(100), one(230), one(360)});
        const PictureReading moving = readPicture(m_model, picture, CutTrial::Deferred);
        const PictureReading lifted = readPicture(m_model, picture, CutTrial::Now);
        QCOMPARE(moving.number.number(), QStringLiteral("111"));
        QCOMPARE(lifted.number.number(), QStringLiteral("111"));
        QVERIFY(!moving.whole.notDigitScore.has_value());
        QVERIFY(lifted.whole.notDigitScore.has_value());
        QCOMPARE(moving.whole.digit, lifted.whole.digit);
    }

    // While a number is drawn, every digit but the one under the pen gives the very same input
    // each time: the Draw tab's memory recalls those instead of reading them again, and the
    // reading is the one without it. Another model (a new training's) forgets them all.
    void aNumberReadAgainRecallsTheDigitsThePenLeftAlone() {
        const auto one = [](double x) {
            return QPolygonF(QList<QPointF>{{x - 25, 160}, {x + 10, 100}, {x + 10, 400}});
        };
        QPolygonF seven(QList<QPointF>{{330, 110}, {470, 110}, {420, 230}});
        PieceMemory memory;
        readPicture(m_model, drawnInBlack({560, 500}, {one(100), one(230), seven}),
                    CutTrial::Deferred, &memory);
        QCOMPARE(memory.recalled(), 0);
        seven << QPointF(380, 400); // the pen goes on down
        const QImage picture = drawnInBlack({560, 500}, {one(100), one(230), seven});
        const PictureReading recalled = readPicture(m_model, picture, CutTrial::Deferred, &memory);
        QCOMPARE(memory.recalled(), 2);
        const PictureReading read = readPicture(m_model, picture, CutTrial::Deferred);
        QCOMPARE(recalled.number.number(), QStringLiteral("117"));
        QCOMPARE(recalled.number.number(), read.number.number());
        for (std::size_t k = 0; k < read.number.digits.size(); ++k)
            QCOMPARE(recalled.number.digits[k].prediction.confidence,
                     read.number.digits[k].prediction.confidence);
        const Classifier retrained = m_model.clone();
        readPicture(retrained, picture, CutTrial::Deferred, &memory);
        QCOMPARE(memory.recalled(), 2);
    }

    // Rates, not chosen drawings: of all 10,000 official test digits, few are taken for "not a
    // digit" (the threshold was calibrated on validation digits, plain and redrawn with a pen).
    void fewOfTheTestDigitsAreRejected() {
        const Dataset test = loadMnistTest();
        const auto predictions = m_model.predictImages(test.pixels.data(), test.size());
        const auto rejected = std::count_if(predictions.begin(), predictions.end(),
                                            [](const Prediction &p) { return !p.isDigit(); });
        qInfo("%lld of %d test digits rejected", static_cast<long long>(rejected), test.size());
        QVERIFY2(rejected <= kMaxTestDigitsRejected, qPrintable(QString::number(rejected)));
    }

    // Real doodles of the kinds held out of training (never seen, not even as a category),
    // read as the Draw tab reads a drawing (the open-set curve's reading): most are no digit.
    void mostDoodlesOfUnseenKindsAreRejected() {
        const Dataset test = loadMnistTest();
        std::vector<int> some(500);
        std::iota(some.begin(), some.end(), 0);
        const std::optional<OpenSetCurve> curve = measureOpenSet(m_model, test.subset(some));
        QVERIFY(curve);
        const double rejected = curve->atModelThreshold.nonDigitsRejected;
        qInfo("%.1f%% of %d doodles of unseen kinds rejected", 100 * rejected, curve->nonDigits);
        QVERIFY(curve->nonDigits > 1000);
        QVERIFY2(rejected >= kMinUnseenDoodlesRejected, qPrintable(QString::number(rejected)));
    }

    // Tall, narrow 0s, slanted as hands slant them. The not-a-digit class learns narrow
    // quadrilaterals, whose pen-rounded corners make such an oval, and rejected one 0 in eight
    // of them until training squeezed some 0s narrow (augmentation.h: withNarrowZeros).
    // A triangle stays no digit drawn narrow, slanted and with a marker: drawn so, it is closest
    // to a narrow 0. Before the not-a-digit class learnt thick figures, 8 of these 18 passed for
    // one. (Slanted further, 0.7 and turned 8 degrees more, a few still do: README.)
    void narrowSlantedTrianglesAreNotDigits_data() {
        QTest::addColumn<double>("width");
        QTest::addColumn<double>("slant");
        QTest::addColumn<double>("pen");
        for (double width : {0.45, 0.55, 0.7})
            for (double slant : {0.3, 0.5})
                for (double pen : {30.0, 45.0, 65.0})
                    QTest::addRow("width %.2f slant %.1f pen %.0f", width, slant, pen)
                        << width << slant << pen;
    }
    void narrowSlantedTrianglesAreNotDigits() {
        QFETCH(double, width);
        QFETCH(double, slant);
        QFETCH(double, pen);
        QImage image(500, 400, QImage::Format_RGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(Qt::black, pen, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.translate(250, 200);
        painter.rotate(-8);
        painter.shear(-slant, 0); // x moves right by slant * (distance up)
        const double half = 150 * width;
        painter.drawPolygon(QPolygonF(QList<QPointF>{{0, -150}, {half, 150}, {-half, 150}}));
        painter.end();
        const Prediction prediction = m_model.predict(preprocessImage(image));
        QVERIFY2(!prediction.isDigit(),
                 qPrintable(QStringLiteral("read as %1 (%2), not-a-digit score %3")
                                .arg(prediction.digit)
                                .arg(prediction.confidence)
                                .arg(prediction.notDigitScore.value_or(0))));
    }

    void narrowOvalZerosAreDigits_data() {
        QTest::addColumn<double>("width");
        QTest::addColumn<double>("slant");
        QTest::addColumn<double>("pen");
        for (double width : {0.3, 0.4})
            for (double slant : {-0.3, 0.0, 0.4})
                for (double pen : {6.0, 22.0})
                    QTest::addRow("width %.1f slant %.1f pen %.0f", width, slant, pen)
                        << width << slant << pen;
    }
    void narrowOvalZerosAreDigits() {
        QFETCH(double, width);
        QFETCH(double, slant);
        QFETCH(double, pen);
        QPainterPath oval;
        oval.addEllipse(QPointF(0, 0), 150 * width, 150);
        QImage image(400, 400, QImage::Format_RGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(Qt::black, pen));
        painter.translate(200, 200);
        painter.shear(-slant, 0); // x moves right by slant * (distance up)
        painter.drawPath(oval);
        painter.end();
        const Prediction prediction = m_model.predict(preprocessImage(image));
        QVERIFY2(prediction.isDigit() && prediction.digit == 0,
                 qPrintable(QStringLiteral("read as %1 (%2), not-a-digit score %3")
                                .arg(prediction.digit)
                                .arg(prediction.confidence)
                                .arg(prediction.notDigitScore.value_or(0))));
    }

    void readsPenStrokeDigitsInManyStyles_data() {
        QTest::addColumn<int>("digit");
        QTest::addColumn<QSize>("canvas");
        QTest::addColumn<QRectF>("box");
        QTest::addColumn<double>("pen");
        QTest::addColumn<QColor>("ink");
        QTest::addColumn<QColor>("paper");
        for (int digit : {0, 1, 4, 7}) {
            const QByteArray name = QByteArray::number(digit);
            QTest::newRow(name + " large black on white")
                << digit << QSize(400, 400) << QRectF(80, 40, 240, 320) << 24.0 << QColor(Qt::black)
                << QColor(Qt::white);
            QTest::newRow(name + " small corner white on black")
                << digit << QSize(300, 300) << QRectF(10, 10, 60, 80) << 7.0 << QColor(Qt::white)
                << QColor(Qt::black);
            QTest::newRow(name + " thin blue on cream")
                << digit << QSize(500, 300) << QRectF(300, 30, 150, 240) << 5.0
                << QColor(20, 40, 200) << QColor(250, 245, 225);
            QTest::newRow(name + " thick red on grey")
                << digit << QSize(280, 280) << QRectF(60, 40, 150, 200) << 30.0
                << QColor(200, 20, 20) << QColor(190, 190, 190);
        }
    }
    void readsPenStrokeDigitsInManyStyles() {
        QFETCH(int, digit);
        QFETCH(QSize, canvas);
        QFETCH(QRectF, box);
        QFETCH(double, pen);
        QFETCH(QColor, ink);
        QFETCH(QColor, paper);
        const Prediction prediction =
            m_model.predict(preprocessImage(drawDigit(digit, canvas, box, pen, ink, paper)));
        QVERIFY2(prediction.digit == digit,
                 qPrintable(QString("read %1 (%2%)")
                                .arg(prediction.digit)
                                .arg(prediction.confidence * 100, 0, 'f', 1)));
    }
};

QTEST_MAIN(DefaultModelTest)
#include "test_default_model.moc"
