#pragma once

#include "training_worker.h"

#include <QObject>
#include <QThread>
#include <atomic>

// Owns the training thread and its worker. The Train tab asks it to start and stop runs and
// listens to the worker's signals, which it forwards. Destroying it stops a run in progress
// within one batch and waits for the thread, so closing the window leaves nothing half-written.
class TrainingRunner : public QObject {
    Q_OBJECT
  public:
    explicit TrainingRunner(QObject *parent = nullptr);
    ~TrainingRunner() override;

    bool isRunning() const { return m_running; }
    // Returns false (and does nothing) while a run is in progress.
    bool start(const TrainingRequest &request);
    void stop();
    // Blocks until the current run has ended (tests, shutdown).
    void waitUntilIdle();

  Q_SIGNALS:
    void started(int trainSamples, int validationSamples, int threads);
    void batchDone(const digitpad::BatchStats &stats);
    void epochDone(const digitpad::EpochStats &stats);
    void finished(const TrainedModel &result);
    void stopped();
    void failed(const QString &reason);
    // After finished, stopped or failed: the runner accepts a new start().
    void idle();
    // Internal: carries the request to the worker thread.
    void work(const TrainingRequest &request);

  private:
    void markIdle();

    QThread m_thread;
    std::atomic<bool> m_stopRequested{false};
    bool m_running = false;
};
