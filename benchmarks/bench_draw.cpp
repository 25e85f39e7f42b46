// Draw tab targets: window up and ready to predict (< 1.5 s) and mouse move -> updated
// prediction (p95 <= 16 ms). Run under a real display (Xvfb) or QT_QPA_PLATFORM=offscreen.
#include "bench_stats.h"
#include "canvas_widget.h"
#include "draw_tab.h"
#include "main_window.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTest>
#include <cmath>
#include <cstdio>

int main(int argc, char *argv[]) {
    QElapsedTimer startup;
    startup.start();
    QApplication application(argc, argv);
    QApplication::setApplicationName(QStringLiteral("DigitPad-bench"));
    MainWindow window;
    window.show();
    DrawTab *tab = window.drawTab();
    CanvasWidget *canvas = tab->canvas();
    QSignalSpy shown(tab, &DrawTab::outcomeShown);
    QTest::mousePress(canvas, Qt::LeftButton, Qt::NoModifier, {200, 100});
    QTest::mouseRelease(canvas, Qt::LeftButton, Qt::NoModifier, {200, 100});
    while (tab->shownOutcome().prediction.digit < 0)
        shown.wait(1000);
    std::printf("window up and first prediction shown: %.0f ms after process start\n",
                startup.nsecsElapsed() / 1e6);

    canvas->clear();
    std::vector<double> latencies;
    for (int round = 0; round < 5; ++round) {
        QTest::mousePress(canvas, Qt::LeftButton, Qt::NoModifier, {120, 80});
        for (int i = 1; i <= 60; ++i) {
            const QPoint point(120 + int(150 * std::sin(i / 10.0)), 80 + i * 4);
            QElapsedTimer timer;
            timer.start();
            shown.clear();
            QMouseEvent move(QEvent::MouseMove, point, canvas->mapToGlobal(point), Qt::NoButton, Qt::LeftButton,
                             Qt::NoModifier);
            QApplication::sendEvent(canvas, &move);
            while (shown.isEmpty())
                QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
            latencies.push_back(timer.nsecsElapsed() / 1e6);
        }
        QTest::mouseRelease(canvas, Qt::LeftButton, Qt::NoModifier, {120, 320});
        canvas->clear();
    }
    std::printf("mouse move -> prediction shown: %s\n", qPrintable(percentiles(latencies)));
    return 0;
}
