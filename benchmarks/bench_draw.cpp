// Draw tab targets: window up and ready to predict (< 1.5 s) and mouse move -> updated
// prediction (p95 <= 5 ms, never above 16 ms), for a digit, a number and a scribble. Run under a
// real display (Xvfb) or QT_QPA_PLATFORM=offscreen. `bench_draw --inside` measures with the Inside
// the Network view open beside the canvas, its layers following the pen.
#include "bench_stats.h"
#include "canvas_widget.h"
#include "draw_tab.h"
#include "inside_tab.h"
#include "main_window.h"
#include "session.h"

#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTest>
#include <cmath>
#include <cstdio>
#include <unistd.h>

namespace {
// Seconds since this process was started by the kernel, so that loading the shared libraries
// (LibTorch is large) counts towards the startup time.
double secondsSinceProcessStart() {
    QFile stat(QStringLiteral("/proc/self/stat")), uptime(QStringLiteral("/proc/uptime"));
    if (!stat.open(QIODevice::ReadOnly) || !uptime.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray statLine = stat.readAll();
    const QList<QByteArray> fields = statLine.mid(statLine.lastIndexOf(')') + 2).split(' ');
    const double startedAt = fields.value(19).toDouble() / double(sysconf(_SC_CLK_TCK)); // field 22
    return uptime.readAll().split(' ').value(0).toDouble() - startedAt;
}
struct Timing {
    std::vector<double> latencies; // mouse move -> reading shown
    std::vector<double> reading;   // of which on the prediction thread
};

// One stroke on the Draw tab's canvas, point by point, timing each move until its reading is
// shown (`shown` spies on DrawTab::outcomeShown).
void drawTimed(DrawTab *tab, QSignalSpy &shown, const QPolygon &stroke, Timing &timing) {
    CanvasWidget *canvas = tab->canvas();
    QTest::mousePress(canvas, Qt::LeftButton, Qt::NoModifier, stroke.first());
    for (qsizetype i = 1; i < stroke.size(); ++i) {
        const QPoint point = stroke[i];
        QElapsedTimer timer;
        timer.start();
        shown.clear();
        QMouseEvent move(QEvent::MouseMove, point, canvas->mapToGlobal(point), Qt::NoButton,
                         Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(canvas, &move);
        while (shown.isEmpty())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        timing.latencies.push_back(timer.nsecsElapsed() / 1e6);
        timing.reading.push_back(tab->shownOutcome().milliseconds);
    }
    QTest::mouseRelease(canvas, Qt::LeftButton, Qt::NoModifier, stroke.last());
}

// A stroke through `corners`, `steps` moves between each two.
QPolygon through(const QList<QPoint> &corners, int steps) {
    QPolygon stroke{corners.first()};
    for (qsizetype c = 1; c < corners.size(); ++c)
        for (int k = 1; k <= steps; ++k)
            stroke << corners[c - 1] + (corners[c] - corners[c - 1]) * k / steps;
    return stroke;
}

// What is timed: the pieces drawn before (untimed), then the timed stroke.
struct Shape {
    const char *name;
    QList<QPolygon> before;
    QPolygon timed;
};

QList<Shape> timedShapes() {
    QPolygon scribble;
    for (int i = 0; i <= 60; ++i)
        scribble << QPoint(120 + int(150 * std::sin(i / 10.0)), 80 + i * 4);
    return {{"a digit (7)", {}, through({{100, 100}, {260, 100}, {160, 320}}, 30)},
            {"a number (the 3 of 123)",
             {through({{60, 100}, {60, 300}}, 2),
              through({{120, 120}, {200, 100}, {200, 200}, {120, 300}, {210, 300}}, 2)},
             through({{260, 110}, {340, 100}, {300, 200}, {350, 260}, {260, 310}}, 15)},
            {"a scribble", {}, scribble}};
}
// Draws every shape five times and prints each one's latencies, then all of them together;
// returns how many readings were timed.
std::size_t timeShapes(DrawTab *tab, QSignalSpy &shown, const char *condition) {
    Timing all;
    for (const Shape &shape : timedShapes()) {
        Timing timing, ignored;
        for (int round = 0; round < 5; ++round) {
            for (const QPolygon &piece : shape.before)
                drawTimed(tab, shown, piece, ignored);
            drawTimed(tab, shown, shape.timed, timing);
            tab->canvas()->clear();
        }
        std::printf("mouse move -> prediction shown%s, %s: %s\n", condition, shape.name,
                    qPrintable(percentiles(timing.latencies)));
        all.latencies.insert(all.latencies.end(), timing.latencies.begin(), timing.latencies.end());
        all.reading.insert(all.reading.end(), timing.reading.begin(), timing.reading.end());
    }
    std::printf("mouse move -> prediction shown%s, all: %s\n", condition,
                qPrintable(percentiles(all.latencies)));
    std::printf("  of which reading the canvas on the prediction thread: %s\n",
                qPrintable(percentiles(all.reading)));
    return all.latencies.size();
}
} // namespace

int main(int argc, char *argv[]) {
    return guardedMain([&]() -> int {
        QApplication application(argc, argv);
        QApplication::setApplicationName(QStringLiteral("DigitPad-bench"));
        Session session;
        MainWindow window(&session);
        window.show();
        if (!QTest::qWaitForWindowExposed(&window))
            return 1;
        const bool inside = QCoreApplication::arguments().contains(QStringLiteral("--inside"));
        if (inside) { // measured once its map and look-alikes are ready (from the cache after once)
            QSignalSpy ready(window.insideTab()->featureRunner(), &FeatureSpaceRunner::finished);
            window.insideDock()->show();
            if (!ready.wait(300000)) {
                std::fprintf(stderr, "the Inside view's features were not ready after 300 s\n");
                return 1;
            }
        }
        DrawTab *tab = window.drawTab();
        CanvasWidget *canvas = tab->canvas();
        QSignalSpy inspected(window.insideTab()->inspector(), &LiveInspector::inspected);
        QSignalSpy shown(tab, &DrawTab::outcomeShown);
        QTest::mousePress(canvas, Qt::LeftButton, Qt::NoModifier, {200, 100});
        QTest::mouseRelease(canvas, Qt::LeftButton, Qt::NoModifier, {200, 100});
        while (tab->shownOutcome().prediction.digit < 0) {
            if (!shown.wait(10000)) {
                std::fprintf(stderr, "no prediction after 10 s: %s\n",
                             qPrintable(tab->shownOutcome().error));
                return 1;
            }
        }
        std::printf("window up and first prediction shown: %.0f ms after process start (10 ms "
                    "resolution)\n",
                    secondsSinceProcessStart() * 1000);

        canvas->clear();
        std::printf("canvas %d x %d\n", canvas->image().width(), canvas->image().height());
        const std::size_t readings =
            timeShapes(tab, shown, inside ? " (Inside the Network open)" : "");
        if (inside)
            std::printf("drawings inspected (layers redrawn) meanwhile: %lld of %zu readings\n",
                        static_cast<long long>(inspected.count()), readings);
        return 0;
    });
}
