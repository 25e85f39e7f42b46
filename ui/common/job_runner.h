#pragma once

#include <QObject>
#include <QThread>
#include <atomic>
#include <functional>

// The one way ui/ runs long work: a runner owns a thread, starts one job at a time on it and
// reports back on the thread it lives on (the GUI's): progress while it runs, then a typed
// result (emitted by the subclass: TrainingRunner, AnalysisRunner...) or failed, then idle.
// A job polls stopRequested(); destroying the runner stops the job and waits for it, so closing
// the window leaves nothing half-written.
class JobRunner : public QObject {
    Q_OBJECT
  public:
    explicit JobRunner(const QString &threadName, QObject *parent = nullptr);
    ~JobRunner() override;

    bool isRunning() const { return m_running; }
    // A job given to startLatest() waits for the running one to end.
    bool hasWaitingJob() const { return bool(m_waiting); }
    // Asks the job to end early (it ends within one step of its loop) and drops the one waiting.
    void stop();
    bool stopRequested() const { return m_stopRequested.load(); }
    // Blocks, running the event loop, until the current job and the one waiting have ended
    // (tests, shutdown).
    void waitUntilIdle();

  Q_SIGNALS:
    // From the job's thread; delivered queued. total 0 means "busy, size unknown".
    void progress(int done, int total);
    void failed(const QString &reason);
    // After the result or failed: the runner accepts a new job.
    void idle();

  protected:
    // What a job hands back: run on the runner's thread once the job is done, it emits the
    // subclass's typed result signal.
    using Delivery = std::function<void()>;
    // Jobs yield the CPU to every other thread of the machine (SCHED_IDLE on Linux): for work
    // that may take all of a core for minutes while the user draws.
    void runAtIdlePriority() { m_thread.setPriority(QThread::IdlePriority); }
    // Starts `job` on the runner's thread; false (and nothing done) while another job runs.
    // digitpad::Error and std::exception thrown by the job become failed(reason).
    bool startJob(std::function<Delivery()> job);
    // Latest wins, for work that follows the user (a reading per pen move): `job` starts now
    // when the runner is idle; otherwise it waits for the running job to end, in place of any
    // job already waiting, so the newest request is the next one worked on and none pile up.
    void startLatest(std::function<Delivery()> job);
    // Forgets the job waiting to start (the running one still ends and delivers).
    void forgetWaitingJob() { m_waiting = nullptr; }

  private:
    QThread m_thread;
    QObject *m_executor;                 // lives on m_thread: queued calls to it run the jobs there
    std::function<Delivery()> m_waiting; // startLatest()'s job, until the running one ends
    std::atomic<bool> m_stopRequested{false};
    bool m_running = false;
};
