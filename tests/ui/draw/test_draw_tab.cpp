#include "../stroke_points.h"
#include "canvas_widget.h"
#include "checkpoint.h"
#include "draw_tab.h"
#include "explainer.h"
#include "input_preview.h"
#include "personal_samples.h"
#include "preprocess.h"
#include "probability_chart.h"
#include "session.h"

#include <QCheckBox>
#include <QLabel>
#include <QPainter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <functional>

using namespace digitpad;

namespace {
QList<QPoint> ellipse(QPoint centre, int rx, int ry) {
    QList<QPoint> points;
    for (int i = 0; i <= 48; ++i) {
        const double angle = 2 * M_PI * i / 48 - M_PI / 2;
        points << centre + QPoint(int(rx * std::cos(angle)), int(ry * std::sin(angle)));
    }
    return points;
}
} // namespace

class DrawTabTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_personal;
    QTemporaryDir m_runs;
    Session *m_session = nullptr;
    DrawTab *m_tab = nullptr;

    void stroke(const QList<QPoint> &points) { drawStroke(m_tab->canvas(), points); }
    // Waits until the reading of the canvas as it is now has been shown.
    void settle() {
        QSignalSpy spy(m_tab, &DrawTab::outcomeShown);
        while (spy.wait(400) || m_tab->isReading()) {
        }
    }
    static QList<QPoint> sevenStroke() {
        return strokeLine({110, 80}, {290, 80}, 12) + strokeLine({290, 80}, {180, 340}, 16);
    }
    // Whether a label's picture shows the unsure reading's orange (ink far redder than blue).
    static bool hasOrangeInk(const QImage &shown) {
        for (int y = 0; y < shown.height(); ++y)
            for (int x = 0; x < shown.width(); ++x) {
                const QColor colour = shown.pixelColor(x, y);
                if (colour.red() - colour.blue() > 80)
                    return true;
            }
        return false;
    }
    void drawSeven() {
        stroke(sevenStroke());
        settle();
    }
    // Draws a stroke as slowly as it is read: every move of the pen waits for its reading, then
    // calls `afterEachReading`. Returns how long each reading shown while the pen moved took, in
    // ms, and leaves the stroke finished and read.
    std::vector<double> drawReadingEveryMove(const QList<QPoint> &points,
                                             const std::function<void()> &afterEachReading = {}) {
        CanvasWidget *canvas = m_tab->canvas();
        QSignalSpy shown(m_tab, &DrawTab::outcomeShown);
        std::vector<double> times;
        QTest::mousePress(canvas, Qt::LeftButton, Qt::NoModifier, points.first());
        for (const QPoint &point : points.mid(1)) {
            shown.clear();
            QTest::mouseMove(canvas, point);
            while (shown.isEmpty() || m_tab->isReading())
                if (!shown.wait(2000))
                    break;
            if (m_tab->shownOutcome().error.isEmpty())
                times.push_back(m_tab->shownOutcome().milliseconds);
            if (afterEachReading)
                afterEachReading();
        }
        QTest::mouseRelease(canvas, Qt::LeftButton, Qt::NoModifier, points.last());
        settle();
        return times;
    }
    static double median(std::vector<double> values) {
        if (values.empty())
            return 0;
        std::nth_element(values.begin(), values.begin() + qsizetype(values.size() / 2),
                         values.end());
        return values[values.size() / 2];
    }
    double shownProbabilitySum() const {
        double sum = 0;
        for (double value : m_tab->chart()->shownValues())
            sum += value;
        return sum;
    }

  private Q_SLOTS:
    void initTestCase() {
        m_session = new Session({m_personal.path(), m_runs.path()});
        m_session->setModel(loadModel(QStringLiteral(DIGITPAD_DEFAULT_MODEL_PATH)),
                            QStringLiteral(DIGITPAD_DEFAULT_MODEL_PATH));
        m_tab = new DrawTab(m_session);
        m_tab->canvas()->setFixedSize(400, 400);
        m_tab->resize(1000, 600);
        m_tab->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_tab));
    }
    void init() {
        m_tab->canvas()->clear();
        settle();
    }
    void cleanupTestCase() {
        delete m_tab;
        delete m_session;
    }

    void drawnDigitsAreReadWithProbabilitiesSummingToOne_data() {
        QTest::addColumn<QList<QList<QPoint>>>("strokes");
        QTest::addColumn<int>("digit");
        QTest::newRow("1") << QList<QList<QPoint>>{strokeLine({180, 110}, {215, 70}, 5) +
                                                   strokeLine({215, 70}, {215, 340}, 20)}
                           << 1;
        QTest::newRow("7") << QList<QList<QPoint>>{strokeLine({110, 80}, {290, 80}, 12) +
                                                   strokeLine({290, 80}, {180, 340}, 16)}
                           << 7;
        QTest::newRow("0") << QList<QList<QPoint>>{ellipse({200, 200}, 90, 130)} << 0;
        QTest::newRow("4 in two strokes")
            << QList<QList<QPoint>>{strokeLine({240, 60}, {110, 250}, 14) +
                                        strokeLine({110, 250}, {300, 250}, 12),
                                    strokeLine({245, 150}, {245, 350}, 14)}
            << 4;
    }
    // A hash is no digit: the verdict says so in plain words, and the chart no longer singles
    // out the nearest digit as if it were the answer.
    void aHashReadsAsNotADigitWithMutedBars() {
        stroke(strokeLine({150, 60}, {130, 340}, 14));
        stroke(strokeLine({250, 60}, {230, 340}, 14));
        stroke(strokeLine({70, 150}, {330, 150}, 14));
        stroke(strokeLine({60, 250}, {320, 250}, 14));
        settle();
        QVERIFY2(!m_tab->shownOutcome().prediction.isDigit(), qPrintable(m_tab->verdictText()));
        QVERIFY2(m_tab->verdictText().startsWith(QStringLiteral("Not a digit")),
                 qPrintable(m_tab->verdictText()));
        QVERIFY(!m_tab->chart()->leadingHighlighted());
        auto *digit = m_tab->findChild<QLabel *>(QStringLiteral("digit"));
        QVERIFY(digit);
        QVERIFY2(hasOrangeInk(digit->grab().toImage()), "an unsure reading's \"?\" is orange");
        m_tab->canvas()->clear();
        settle();
        QCOMPARE(digit->text(), QStringLiteral("–"));
        QVERIFY2(!hasOrangeInk(digit->grab().toImage()), "the empty canvas's dash is orange");
        drawSeven();
        QVERIFY(m_tab->chart()->leadingHighlighted());
    }

    void threeDigitsDrawnInARowReadAsANumber() {
        stroke(strokeLine({45, 130}, {70, 105}, 4) + strokeLine({70, 105}, {70, 300}, 14));     // 1
        stroke(strokeLine({200, 105}, {140, 235}, 10) + strokeLine({140, 235}, {250, 235}, 8)); // 4
        stroke(strokeLine({218, 150}, {218, 305}, 10));
        stroke(strokeLine({285, 110}, {380, 110}, 8) + strokeLine({380, 110}, {320, 305}, 12)); // 7
        settle();
        const PredictionOutcome &outcome = m_tab->shownOutcome();
        QVERIFY2(
            outcome.number == QStringLiteral("147"),
            qPrintable(QStringLiteral("read %1: %2").arg(outcome.number, m_tab->verdictText())));
        QCOMPARE(outcome.digitBoxes.size(), 3);
        QVERIFY(m_tab->chart()->isHidden()); // the whole picture's ten bars would mislead
        QVERIFY(outcome.digitBoxes[0].right() < outcome.digitBoxes[1].left());
        QVERIFY(outcome.digitBoxes[1].right() < outcome.digitBoxes[2].left());
    }

    void drawnDigitsAreReadWithProbabilitiesSummingToOne() {
        QFETCH(QList<QList<QPoint>>, strokes);
        QFETCH(int, digit);
        for (const auto &points : strokes)
            stroke(points);
        settle();
        const Prediction &prediction = m_tab->shownOutcome().prediction;
        QVERIFY2(
            prediction.digit == digit,
            qPrintable(QString("read %1: %2").arg(prediction.digit).arg(m_tab->verdictText())));
        QVERIFY(std::abs(shownProbabilitySum() - 1.0) < 1e-4);
        float sum = 0;
        for (float p : prediction.probabilities)
            sum += p;
        QVERIFY(std::abs(sum - 1.0f) < 1e-4f);
    }

    void aTapLeavesADot() {
        stroke({{200, 200}});
        settle();
        QVERIFY(!m_tab->canvas()->isEmpty());
        QVERIFY(qGray(m_tab->canvas()->image().pixel(200, 200)) < 64); // ink, not paper
        QVERIFY(m_tab->shownOutcome().error.isEmpty());
    }
    void undoRestoresThePreviousPrediction() {
        drawSeven();
        const Prediction before = m_tab->shownOutcome().prediction;
        QCOMPARE(before.digit, 7);
        stroke(strokeLine({150, 210}, {270, 210}, 10)); // a crossbar
        settle();
        QVERIFY(m_tab->shownOutcome().prediction.probabilities != before.probabilities);
        QTest::keyClick(m_tab, Qt::Key_Z, Qt::ControlModifier);
        settle();
        QCOMPARE(m_tab->canvas()->strokeCount(), 1);
        QVERIFY(m_tab->shownOutcome().prediction.probabilities == before.probabilities);
    }

    void clearEmptiesTheCanvasAndThePrediction() {
        drawSeven();
        QTest::keyClick(m_tab, Qt::Key_Escape);
        settle();
        QVERIFY(m_tab->canvas()->isEmpty());
        QCOMPARE(m_tab->shownOutcome().prediction.digit, -1);
        QVERIFY(m_tab->preview()->image().isNull());
        QCOMPARE(shownProbabilitySum(), 0.0);
    }

    void previewEqualsCorePreprocessingOfTheCanvas() {
        drawSeven();
        const QImage expected = modelInputToImage(preprocessImage(m_tab->canvas()->image()));
        QCOMPARE(m_tab->preview()->image(), expected);
    }

    // The heat reads as a smooth field over the drawing, not as the blocks of the occlusion
    // patches: it is drawn finer than the model's 28x28 input, changing gently from one of its
    // pixels to the next, and lies over the ink.
    void explainOverlaysASmoothHeatmapOfTheDrawing() {
        m_tab->explainBox()->setChecked(true);
        drawSeven();
        CanvasWidget *canvas = m_tab->canvas();
        QTRY_VERIFY(!canvas->heatOverlay().isNull());
        const QImage heat = canvas->heatOverlay();
        const QTransform toCanvas = canvas->heatOverlayTransform();
        m_tab->explainBox()->setChecked(false);
        QVERIFY(canvas->heatOverlay().isNull());
        QVERIFY2(toCanvas.m11() <= 3 && toCanvas.m22() <= 3,
                 qPrintable(QStringLiteral("one pixel of the heat covers %1 x %2 of the canvas")
                                .arg(toCanvas.m11())
                                .arg(toCanvas.m22())));
        int strongest = 0;
        int steepest = 0;
        QPoint strongestAt;
        for (int y = 0; y < heat.height(); ++y)
            for (int x = 0; x < heat.width(); ++x) {
                const int alpha = qAlpha(heat.pixel(x, y));
                if (alpha > strongest) {
                    strongest = alpha;
                    strongestAt = {x, y};
                }
                if (x > 0)
                    steepest = std::max(steepest, std::abs(alpha - qAlpha(heat.pixel(x - 1, y))));
                if (y > 0)
                    steepest = std::max(steepest, std::abs(alpha - qAlpha(heat.pixel(x, y - 1))));
            }
        QVERIFY(strongest > 100);
        QVERIFY2(steepest * 12 <= strongest,
                 qPrintable(QStringLiteral("a step of %1 in %2").arg(steepest).arg(strongest)));
        // the strongest heat is on or next to the 7's strokes
        const QPoint onCanvas = toCanvas.map(QPointF(strongestAt) + QPointF(0.5, 0.5)).toPoint();
        QVERIFY(canvas->rect().contains(onCanvas));
        bool inkNear = false;
        for (int dy = -30; dy <= 30; dy += 3)
            for (int dx = -30; dx <= 30; dx += 3)
                inkNear = inkNear || qGray(canvas->image().pixel(onCanvas + QPoint(dx, dy))) < 128;
        QVERIFY(inkNear);
    }

    // Explaining is for the finished drawing: the reading that follows the pen stays as quick
    // as it is without Explain (it used to explain every move of the pen, and one explanation
    // is the work of many readings).
    void explainingLeavesTheLiveReadingAsQuick() {
        const double without = median(drawReadingEveryMove(sevenStroke()));
        m_tab->canvas()->clear();
        settle();
        m_tab->explainBox()->setChecked(true);
        drawReadingEveryMove(sevenStroke()); // its explanation may still run as the next begins
        const double with = median(drawReadingEveryMove(sevenStroke()));
        m_tab->explainBox()->setChecked(false);
        QVERIFY2(without > 0 && with < 3 * without + 10,
                 qPrintable(QStringLiteral("median reading %1 ms with Explain, %2 ms without")
                                .arg(with)
                                .arg(without)));
    }

    // Why the reading stays quick, checked at its cause: nothing is explained while the pen
    // moves, a finished stroke is explained once, and with Explain unticked nothing is.
    void explainingWaitsForTheFinishedStrokeAndStopsWhenUnticked() {
        Explainer *explainer = m_tab->explainer();
        explainer->waitUntilIdle(); // an earlier drawing's
        QSignalSpy explained(explainer, &Explainer::explained);
        m_tab->explainBox()->setChecked(true);
        bool explainedWhileThePenMoved = false;
        drawReadingEveryMove(sevenStroke(), [&] {
            explainedWhileThePenMoved =
                explainedWhileThePenMoved || explainer->isRunning() || !explained.isEmpty();
        });
        QVERIFY(!explainedWhileThePenMoved);
        QVERIFY(explained.count() == 1 || explained.wait(10000));
        QCOMPARE(explained.count(), 1);
        CanvasWidget *canvas = m_tab->canvas();
        QVERIFY(!canvas->heatOverlay().isNull());

        m_tab->explainBox()->setChecked(false);
        QVERIFY(canvas->heatOverlay().isNull());
        drawReadingEveryMove(strokeLine({140, 220}, {260, 220}, 10), [&] {
            explainedWhileThePenMoved = explainedWhileThePenMoved || explainer->isRunning();
        });
        QVERIFY(!explainedWhileThePenMoved);
        QVERIFY(!explainer->isRunning());
        QCOMPARE(explained.count(), 1);
        QVERIFY(canvas->heatOverlay().isNull());
    }

    void correctionAddsExactlyOneSampleThatSurvivesReopening() {
        const int before = m_session->personalSampleCount();
        drawSeven();
        QTest::keyClick(m_tab, Qt::Key_3); // "it was a 3"
        QCOMPARE(m_session->personalSampleCount(), before + 1);
        const PersonalSamples reopened(m_personal.path());
        QCOMPARE(reopened.count(), before + 1);
        QCOMPARE(int(reopened.samples().labels.back()), 3);
    }

    void correctingAnEmptyCanvasAddsNothing() {
        const int before = m_session->personalSampleCount();
        m_tab->teach(5);
        QCOMPARE(m_session->personalSampleCount(), before);
    }

    void openedPictureIsReadLikeADrawing() {
        QImage picture(300, 200, QImage::Format_RGB32);
        picture.fill(QColor(20, 20, 60));
        QPainter painter(&picture);
        painter.setPen(QPen(QColor(255, 240, 120), 14, Qt::SolidLine, Qt::RoundCap));
        painter.drawLine(150, 30, 150, 170);
        painter.end();
        m_tab->openPicture(picture);
        settle();
        QCOMPARE(m_tab->shownOutcome().prediction.digit, 1);
    }
};

QTEST_MAIN(DrawTabTest)
#include "test_draw_tab.moc"
