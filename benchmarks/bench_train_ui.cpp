// The longest event-loop stall of the window while the Train tab trains (target <= 30 ms), and
// how fast the Draw tab reads a stroke meanwhile. A timer that should fire every 5 ms probes the
// loop; a stall is the delay of a tick beyond its interval.
//   bench_train_ui [architecture] [epochs] [threads]
//   (defaults: cnn, 2 epochs on the MNIST training set, the Train tab's thread count)
#include "bench_stats.h"
#include "canvas_widget.h"
#include "draw_tab.h"
#include "main_window.h"
#include "session.h"
#include "train_tab.h"
#include "training_form.h"

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <cmath>
#include <cstdio>

int main(int argc, char *argv[]) {
    return guardedMain([&]() -> int {
        QApplication application(argc, argv);
        QApplication::setApplicationName(QStringLiteral("DigitPad-bench"));
        const QString architecture =
            argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("cnn");
        const int epochs = argc > 2 ? integerArgument(argv[2]) : 2;
        QTemporaryDir runs;
        Session session({Session::userFolders().personal, runs.path()});
        MainWindow window(&session);
        window.show();
        if (!QTest::qWaitForWindowExposed(&window))
            return 1;
        TrainingForm *form = window.trainTab()->form();
        form->architectureField()->setCurrentIndex(
            form->architectureField()->findData(architecture));
        form->epochsField()->setValue(epochs);
        form->subsetField()->setValue(0);
        if (argc > 3)
            form->findChild<QSpinBox *>(QStringLiteral("threads"))
                ->setValue(integerArgument(argv[3]));

        std::vector<double> stalls;
        QElapsedTimer sinceTick;
        QTimer probe;
        probe.setTimerType(Qt::PreciseTimer);
        probe.setInterval(5);
        QObject::connect(&probe, &QTimer::timeout, [&] {
            stalls.push_back(std::max(0.0, sinceTick.nsecsElapsed() / 1e6 - 5.0));
            sinceTick.restart();
        });

        // Meanwhile a user draws: one point every 20 ms along a looping stroke, read live.
        DrawTab *drawTab = window.drawTab();
        CanvasWidget *canvas = drawTab->canvas();
        std::vector<double> readings;
        QElapsedTimer sinceMove;
        int step = 0;
        QTimer pen;
        pen.setInterval(20);
        QObject::connect(&pen, &QTimer::timeout, [&] {
            if (step % 80 == 0) {
                canvas->clear();
                QTest::mousePress(canvas, Qt::LeftButton, Qt::NoModifier, {150, 150});
            }
            const QPoint point(150 + int(80 * std::sin(step / 8.0)),
                               150 + int(100 * std::cos(step / 11.0)));
            QTest::mouseMove(canvas, point);
            sinceMove.restart();
            ++step;
        });
        QObject::connect(drawTab, &DrawTab::outcomeShown, [&] {
            if (sinceMove.isValid())
                readings.push_back(sinceMove.nsecsElapsed() / 1e6);
        });

        QSignalSpy ended(window.trainTab()->runner(), &TrainingRunner::idle);
        QElapsedTimer wall;
        wall.start();
        if (!window.trainTab()->startTraining())
            return 1;
        sinceTick.start();
        probe.start();
        pen.start();
        while (ended.isEmpty())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        probe.stop();
        pen.stop();
        std::printf("%s, %d epochs with %d training thread(s): %.1f s\n", qPrintable(architecture),
                    epochs, form->request().config.threads, wall.elapsed() / 1000.0);
        std::printf("event-loop stall beyond the 5 ms probe: %s\n",
                    qPrintable(percentiles(stalls)));
        std::printf("mouse move -> reading shown, while training: %s\n",
                    qPrintable(percentiles(readings)));
        return 0;
    });
}
