#include "job_runner.h"

#include <QSemaphore>
#include <QSignalSpy>
#include <QtTest>

// A runner whose jobs record their number and, while `gate` is closed, wait for it to open: the
// test decides when the running job ends.
class RecordingRunner : public JobRunner {
    Q_OBJECT
  public:
    RecordingRunner() : JobRunner(QStringLiteral("test runner")) {}

    QSemaphore gate;
    QList<int> ran; // job numbers, in the order they ran (written on the runner's thread)

    void requestLatest(int number) { startLatest(job(number)); }
    bool requestNow(int number) { return startJob(job(number)); }

  Q_SIGNALS:
    void delivered(int number);

  private:
    std::function<Delivery()> job(int number) {
        return [this, number]() -> Delivery {
            gate.acquire();
            ran.append(number);
            return [this, number] { Q_EMIT delivered(number); };
        };
    }
};

// JobRunner's "latest wins": what the Draw tab's reading and the Inside tab's inspector use to
// keep up with the pen without piling up work.
class JobRunnerTest : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void requestsMadeWhileOneRunsCollapseIntoTheNewest() {
        RecordingRunner runner;
        QSignalSpy delivered(&runner, &RecordingRunner::delivered);
        runner.requestLatest(1);
        QVERIFY(runner.isRunning());
        for (int number = 2; number <= 5; ++number)
            runner.requestLatest(number);
        QVERIFY(runner.hasWaitingJob());
        runner.gate.release(2);
        runner.waitUntilIdle();
        QVERIFY(!runner.isRunning());
        QVERIFY(!runner.hasWaitingJob());
        QCOMPARE(runner.ran, QList<int>({1, 5}));
        QCOMPARE(delivered.count(), 2);
        QCOMPARE(delivered.at(0).at(0).toInt(), 1); // the first is delivered, not dropped
        QCOMPARE(delivered.at(1).at(0).toInt(), 5);
    }

    void anIdleRunnerStartsTheRequestAtOnce() {
        RecordingRunner runner;
        QSignalSpy delivered(&runner, &RecordingRunner::delivered);
        runner.gate.release(1);
        runner.requestLatest(7);
        QVERIFY(!runner.hasWaitingJob());
        runner.waitUntilIdle();
        QCOMPARE(runner.ran, QList<int>({7}));
        QCOMPARE(delivered.count(), 1);
    }

    void stoppingDropsTheWaitingRequest() {
        RecordingRunner runner;
        runner.requestLatest(1);
        runner.requestLatest(2);
        runner.stop();
        QVERIFY(!runner.hasWaitingJob());
        runner.gate.release(1);
        runner.waitUntilIdle();
        QCOMPARE(runner.ran, QList<int>({1}));
    }

    void startJobRefusesWhileOneRuns() {
        RecordingRunner runner;
        QVERIFY(runner.requestNow(1));
        QVERIFY(!runner.requestNow(2));
        runner.gate.release(1);
        runner.waitUntilIdle();
        QCOMPARE(runner.ran, QList<int>({1}));
    }
};

QTEST_GUILESS_MAIN(JobRunnerTest)
#include "test_job_runner.moc"
