#pragma once

#include "job_runner.h"
#include "network_inspection.h"
#include "training_run.h"

#include <memory>

Q_DECLARE_METATYPE(digitpad::FiledRun)
Q_DECLARE_METATYPE(digitpad::BatchStats)
Q_DECLARE_METATYPE(digitpad::EpochStats)
Q_DECLARE_METATYPE(digitpad::FilterBank)

// Runs digitpad::trainAndFileRun on its own thread and streams what the trainer reports. A
// stopped run is dropped (nothing is written), so the model in use stays until a run finishes.
// A run in progress can be paused, resumed and given a new learning rate.
class TrainingRunner : public JobRunner {
    Q_OBJECT
  public:
    explicit TrainingRunner(QObject *parent = nullptr);

    // Returns false (and does nothing) while a run is in progress.
    bool start(const digitpad::TrainingRunRequest &request);

    // Each takes effect before the run's next batch; nothing happens when no run is going.
    void pause();
    void resume();
    void setLearningRate(double rate);
    bool isPaused() const;

  Q_SIGNALS:
    void started(int trainSamples, int validationSamples, int threads);
    void batchDone(const digitpad::BatchStats &stats);
    void epochDone(const digitpad::EpochStats &stats);
    // The first layer's filters as they stand after each epoch (how training shapes them).
    void epochFilters(int epoch, const digitpad::FilterBank &filters);
    void finished(const digitpad::FiledRun &run);
    void stopped();

  private:
    // The running job's; shared with it, so it outlives a job that ends while the GUI steers.
    std::shared_ptr<digitpad::TrainingControl> m_control;
};
