// Draw tab targets: window up and ready to predict (< 1.5 s) and mouse move -> updated
// prediction (p95 <= 16 ms). Run under a real display (Xvfb) or QT_QPA_PLATFORM=offscreen.
// `bench_draw --inside` measures with the Inside the Network view open beside the canvas, its
// layers following the pen.
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
        std::vector<double> latencies;
        std::vector<double> reading; // of which on the prediction thread
        for (int round = 0; round < 5; ++round) {
            QTest::mousePress(canvas, Qt::LeftButton, Qt::NoModifier, {120, 80});
            for (int i = 1; i <= 60; ++i) {
                const QPoint point(120 + int(150 * std::sin(i / 10.0)), 80 + i * 4);
                QElapsedTimer timer;
                timer.start();
                shown.clear();
                QMouseEvent move(QEvent::MouseMove, point, canvas->mapToGlobal(point), Qt::NoButton,
                                 Qt::LeftButton, Qt::NoModifier);
                QApplication::sendEvent(canvas, &move);
                while (shown.isEmpty())
                    QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
                latencies.push_back(timer.nsecsElapsed() / 1e6);
                reading.push_back(tab->shownOutcome().milliseconds);
            }
            QTest::mouseRelease(canvas, Qt::LeftButton, Qt::NoModifier, {120, 320});
            canvas->clear();
        }
        std::printf("mouse move -> prediction shown%s: %s\n",
                    inside ? " (Inside the Network open)" : "", qPrintable(percentiles(latencies)));
        std::printf("  of which reading the canvas on the prediction thread: %s\n",
                    qPrintable(percentiles(reading)));
        if (inside)
            std::printf("drawings inspected (layers redrawn) meanwhile: %lld of %zu readings\n",
                        static_cast<long long>(inspected.count()), latencies.size());
        return 0;
    });
}
