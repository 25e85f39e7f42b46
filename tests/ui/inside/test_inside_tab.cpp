#include "../stroke_points.h"
#include "canvas_widget.h"
#include "checkpoint.h"
#include "digit_picture.h"
#include "draw_tab.h"
#include "feature_map_view.h"
#include "inside_tab.h"
#include "main_window.h"
#include "session.h"

#include <QDockWidget>
#include <QListWidget>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace digitpad;

namespace {

int majority(const std::vector<int> &labels) {
    std::array<int, 10> counts{};
    for (int label : labels)
        ++counts[std::size_t(label)];
    return int(std::max_element(counts.begin(), counts.end()) - counts.begin());
}
} // namespace

// The Inside tab follows what is drawn in the Draw tab, through the main window.
class InsideTabTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_folders;
    Session *m_session = nullptr;
    MainWindow *m_window = nullptr;

    InsideTab *tab() const { return m_window->insideTab(); }

    void drawSevenAndWaitForTheInspection() {
        QSignalSpy inspected(tab()->inspector(), &LiveInspector::inspected);
        CanvasWidget *canvas = m_window->drawTab()->canvas();
        canvas->clear();
        const QList<QPoint> points =
            strokeLine({110, 80}, {290, 80}, 12) + strokeLine({290, 80}, {180, 340}, 16);
        drawStroke(canvas, points);
        // the last inspection is of the finished stroke
        while (inspected.wait(1500) || tab()->inspector()->isRunning()) {
        }
        QVERIFY(!tab()->lastInspection().layers.empty());
    }

    void waitForTheFeatureSpace() {
        if (tab()->featureSpace())
            return;
        tab()->computeFeatureSpace();
        QSignalSpy finished(tab()->featureRunner(), &FeatureSpaceRunner::finished);
        QVERIFY(finished.wait(600000));
        QVERIFY(tab()->featureSpace() != nullptr);
    }

  private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true); // the feature cache goes to a test location
        m_session = new Session({m_folders.filePath(QStringLiteral("personal")),
                                 m_folders.filePath(QStringLiteral("runs"))});
        QVERIFY(m_session->loadModel(QStringLiteral(DIGITPAD_DEFAULT_MODEL_PATH), nullptr));
        m_window = new MainWindow(m_session);
        m_window->drawTab()->canvas()->setFixedSize(400, 400);
        m_window->resize(1100, 700);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
        m_window->insideDock()->show(); // View > Inside the Network
        QVERIFY(QTest::qWaitForWindowExposed(m_window->insideDock()));
    }
    void cleanupTestCase() {
        delete m_window;
        delete m_session;
    }

    void everyLayerFollowsTheDrawingWithTheNetworksShapes() {
        drawSevenAndWaitForTheInspection();
        const std::vector<LayerActivation> &layers = tab()->lastInspection().layers;
        // ten digits, and "not a digit" when the model has that output
        const int outputs = m_session->model().metadata().notDigitClass ? 11 : 10;
        const QList<std::tuple<QString, int, int>> expected = {
            {"input", 1, 28},         {"conv block 1", 32, 14}, {"conv block 2", 64, 7},
            {"conv block 3", 128, 3}, {"dense 128", 128, 1},    {"logits", outputs, 1}};
        QCOMPARE(int(layers.size()), expected.size());
        for (int i = 0; i < expected.size(); ++i) {
            const auto &[name, channels, side] = expected[i];
            QCOMPARE(layers[std::size_t(i)].name, name);
            QCOMPARE(layers[std::size_t(i)].channels, channels);
            QCOMPARE(layers[std::size_t(i)].height, side);
            QCOMPARE(layers[std::size_t(i)].width, side);
            QCOMPARE(layers[std::size_t(i)].values.size(), std::size_t(channels * side * side));
        }
        const std::vector<float> &logits = layers.back().values;
        QCOMPARE(int(std::max_element(logits.begin(), logits.begin() + 10) - logits.begin()), 7);
    }

    // The look-alikes and the map explain the reading by example: a drawn 7 sits among 7s.
    void aDrawnSevenLooksLikeSevensAndLandsAmongThemOnTheMap() {
        waitForTheFeatureSpace();
        const std::shared_ptr<const FeatureSpace> space = tab()->featureSpace();
        QCOMPARE(int(space->map.points.size()), 10000);
        QCOMPARE(space->testFeatures.count, 10000);
        QCOMPARE(space->trainingFeatures.count, 60000);
        drawSevenAndWaitForTheInspection();
        const Inspection &inspection = tab()->lastInspection();
        QCOMPARE(int(inspection.lookAlikes.size()), LiveInspector::kLookAlikes);
        QCOMPARE(tab()->lookAlikes()->count(), LiveInspector::kLookAlikes);
        std::vector<int> alikeLabels;
        for (const LookAlike &alike : inspection.lookAlikes)
            alikeLabels.push_back(alike.label);
        QCOMPARE(majority(alikeLabels), 7);
        QVERIFY(inspection.mapPoint.has_value());
        // its 15 nearest dots on the map (in 2-D) are mostly 7s
        std::vector<std::pair<double, int>> byDistance;
        for (std::size_t i = 0; i < space->map.points.size(); ++i) {
            const QPointF d = space->map.points[i] - *inspection.mapPoint;
            byDistance.push_back({d.x() * d.x() + d.y() * d.y(), space->testFeatures.labels[i]});
        }
        std::partial_sort(byDistance.begin(), byDistance.begin() + 15, byDistance.end());
        std::vector<int> nearLabels;
        nearLabels.reserve(15);
        for (int i = 0; i < 15; ++i)
            nearLabels.push_back(byDistance[std::size_t(i)].second);
        QCOMPARE(majority(nearLabels), 7);
    }

    void doubleClickingADotSendsThatDigitToTheDrawTab() {
        waitForTheFeatureSpace();
        const std::shared_ptr<const FeatureSpace> space = tab()->featureSpace();
        FeatureMapView *map = tab()->map();
        map->replot();
        const int index = 1234;
        const QPoint pixel(int(map->xAxis->coordToPixel(space->map.points[index].x())),
                           int(map->yAxis->coordToPixel(space->map.points[index].y())));
        const int found = map->sampleAt(pixel);
        QVERIFY(found >= 0);
        QSignalSpy sent(tab(), &InsideTab::sendToDraw);
        QTest::mouseDClick(map, Qt::LeftButton, Qt::NoModifier, pixel);
        QCOMPARE(sent.count(), 1);
        QCOMPARE(sent.first().first().value<QImage>(), digitPicture(space->test.image(found)));
    }

    // Closed, the view costs the drawing nothing; opened, it catches up with the drawing.
    void aHiddenViewInspectsNothingAndCatchesUpWhenShown() {
        m_window->insideDock()->hide();
        QSignalSpy inspected(tab()->inspector(), &LiveInspector::inspected);
        CanvasWidget *canvas = m_window->drawTab()->canvas();
        canvas->clear();
        const QList<QPoint> points = strokeLine({200, 60}, {200, 340}, 20);
        drawStroke(canvas, points);
        QTest::qWait(1500); // readings come and go in the Draw tab meanwhile
        QCOMPARE(inspected.count(), 0);
        m_window->insideDock()->show();
        QVERIFY(inspected.wait(5000));
        const std::vector<float> &logits = tab()->lastInspection().layers.back().values;
        QCOMPARE(int(std::max_element(logits.begin(), logits.begin() + 10) - logits.begin()), 1);
    }

    void exportWritesEveryPictureAsPng() {
        waitForTheFeatureSpace();
        drawSevenAndWaitForTheInspection();
        QTemporaryDir out;
        const QStringList files = tab()->exportPictures(out.path());
        for (const char *name : {"layer-input.png", "layer-conv-block-1.png", "layer-logits.png",
                                 "filters.png", "map.png", "look-alikes.png"})
            QVERIFY2(files.contains(out.filePath(QString::fromLatin1(name))), name);
        for (const QString &file : files)
            QVERIFY2(!QImage(file).isNull(), qPrintable(file));
    }
};

QTEST_MAIN(InsideTabTest)
#include "test_inside_tab.moc"
