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
#include <QScreen>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace digitpad;

namespace {

QRect globalRect(const QWidget *widget) {
    return {widget->mapToGlobal(QPoint(0, 0)), widget->size()};
}

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

    // A main window of `size` at the screen's top left (where a window manager-less X server
    // puts it), optionally with nothing remembered of an earlier one.
    std::unique_ptr<MainWindow> openMainWindow(QSize size, bool forgetEarlierOnes) {
        if (forgetEarlierOnes)
            for (const auto &[group, key] :
                 {std::pair{"window", "geometry"}, std::pair{"window", "state"},
                  std::pair{"inside", "geometry"}})
                m_session->remember(QString::fromLatin1(group), QString::fromLatin1(key), {});
        auto window = std::make_unique<MainWindow>(m_session);
        if (forgetEarlierOnes) {
            window->resize(size);
            window->move(window->screen()->availableGeometry().topLeft());
        }
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            return nullptr;
        return window;
    }
    // View > Inside the Network.
    static QDockWidget *openInside(MainWindow *window) {
        QDockWidget *inside = window->insideDock();
        inside->show();
        return QTest::qWaitForWindowExposed(inside) ? inside : nullptr;
    }

    void waitForTheFeatureSpace() {
        if (tab()->featureSpace())
            return;
        tab()->computeFeatureSpace();
        QSignalSpy finished(tab()->featureRunner(), &FeatureSpaceRunner::finished);
        QVERIFY(finished.wait(600000));
        QVERIFY(tab()->featureSpace() != nullptr);
    }

  public:
    // Before the application exists: the placement tests want a screen of a laptop's size, and
    // the offscreen platform's own is 800 px square. A real display is left as it is.
    static void initMain() {
        if (qgetenv("QT_QPA_PLATFORM") != "offscreen")
            return;
        static const QTemporaryDir folder;
        const QString path = folder.filePath(QStringLiteral("screen.json"));
        QFile config(path);
        if (config.open(QIODevice::WriteOnly) &&
            config.write(R"({"screens": [{"name": "laptop", "width": 1600, "height": 900}]})") >
                0) {
            config.close();
            qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + path.toLocal8Bit());
        }
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
        alikeLabels.reserve(inspection.lookAlikes.size());
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

    // On a 1,600 px screen beside a main window of 1,100 px there is room: the Inside window
    // opens there, covering nothing of the main window.
    void insideOpensBesideTheMainWindowWhereTheScreenHasRoom() {
        const QRect screen = m_window->screen()->availableGeometry();
        if (screen.width() < 1600 || screen.height() < 800)
            QSKIP("needs a screen of 1600 x 800 or more");
        const std::unique_ptr<MainWindow> window = openMainWindow({1100, 700}, true);
        QVERIFY(window);
        QDockWidget *inside = openInside(window.get());
        QVERIFY(inside);
        QVERIFY(inside->isFloating());
        const QRect main = window->frameGeometry();
        QVERIFY2(!inside->frameGeometry().intersects(main),
                 qPrintable(QStringLiteral("Inside at %1,%2 %3x%4 over the main window at %5,%6 "
                                           "%7x%8")
                                .arg(inside->frameGeometry().x())
                                .arg(inside->frameGeometry().y())
                                .arg(inside->frameGeometry().width())
                                .arg(inside->frameGeometry().height())
                                .arg(main.x())
                                .arg(main.y())
                                .arg(main.width())
                                .arg(main.height())));
        QVERIFY(screen.contains(inside->frameGeometry()));
    }

    // Without room beside, it covers the reading panel rather than the canvas the user draws on.
    void insideCoversNoneOfTheCanvasWhereTheScreenHasNoRoomBeside() {
        const QRect screen = m_window->screen()->availableGeometry();
        if (screen.width() < 1600 || screen.height() < 800)
            QSKIP("needs a screen of 1600 x 800 or more");
        const std::unique_ptr<MainWindow> window = openMainWindow({1450, 700}, true);
        QVERIFY(window);
        QDockWidget *inside = openInside(window.get());
        QVERIFY(inside);
        const QRect canvas = globalRect(window->drawTab()->canvas());
        QVERIFY2(!inside->frameGeometry().intersects(canvas),
                 qPrintable(QStringLiteral("Inside from x %1 to %2 over the canvas from %3 to %4")
                                .arg(inside->frameGeometry().left())
                                .arg(inside->frameGeometry().right())
                                .arg(canvas.left())
                                .arg(canvas.right())));
        QVERIFY(screen.contains(inside->frameGeometry()));
    }

    // Moved and resized, it reopens there: when shown again, and after a restart.
    void insideReopensWhereItWasLeft() {
        QRect left;
        {
            const std::unique_ptr<MainWindow> window = openMainWindow({1100, 700}, true);
            QVERIFY(window);
            QDockWidget *inside = openInside(window.get());
            QVERIFY(inside);
            inside->setGeometry(QRect(300, 120, 640, 560));
            QTRY_COMPARE(inside->geometry(), QRect(300, 120, 640, 560));
            left = inside->geometry();
            inside->hide();
            QVERIFY(openInside(window.get()));
            QCOMPARE(inside->geometry(), left);
            window->close();
        }
        const std::unique_ptr<MainWindow> restarted = openMainWindow({}, false);
        QVERIFY(restarted);
        QDockWidget *inside = openInside(restarted.get());
        QVERIFY(inside);
        QTRY_COMPARE(inside->geometry(), left);
    }

    // The map's legend: the ten digits in one row, evenly spaced, each with a dot large enough
    // to tell its colour.
    void theMapsLegendShowsTheTenDigitsEvenlyWithDotsToTellApart() {
        waitForTheFeatureSpace();
        FeatureMapView *map = tab()->map();
        map->replot();
        const QImage picture = map->toPixmap().toImage();
        QCPLegend *legend = map->legend;
        QVERIFY(legend->itemCount() >= 10);
        QList<QRect> entries;
        for (int digit = 0; digit < 10; ++digit)
            entries << legend->item(digit)->rect();
        const int spacing = entries[1].left() - entries[0].left();
        QVERIFY(spacing > 0);
        for (int digit = 1; digit < 10; ++digit) {
            QCOMPARE(entries[digit].top(), entries[0].top());
            const int gap = entries[digit].left() - entries[digit - 1].left();
            QVERIFY2(std::abs(gap - spacing) <= 2,
                     qPrintable(QStringLiteral("%1 px from %2 to %3, %4 px from 0 to 1")
                                    .arg(gap)
                                    .arg(digit - 1)
                                    .arg(digit)
                                    .arg(spacing)));
        }
        for (int digit = 0; digit < 10; ++digit) {
            int dot = 0;
            const QRect entry = entries[digit] & picture.rect();
            for (int y = entry.top(); y <= entry.bottom(); ++y)
                for (int x = entry.left(); x <= entry.right(); ++x)
                    dot += picture.pixelColor(x, y) == digitColour(digit);
            QVERIFY2(dot >= 30,
                     qPrintable(QStringLiteral("the dot of %1 has %2 pixels of its colour")
                                    .arg(digit)
                                    .arg(dot)));
        }
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
