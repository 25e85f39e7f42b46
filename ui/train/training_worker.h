#pragma once

#include "classifier.h"
#include "trainer.h"
#include "training_config.h"

#include <QObject>
#include <QString>
#include <atomic>

// One training run as the Train tab asks for it.
struct TrainingRequest {
    digitpad::TrainingConfig config;
    QString dataFolder;     // empty: the MNIST training set
    QString personalFolder; // non-empty: the Draw tab's corrections join the training split
    int limit = 0;          // > 0: a stratified subset (quick runs, tests)
    QString runsFolder;     // where the finished model is saved
};

// What a finished (not stopped) run hands over.
struct TrainedModel {
    digitpad::Classifier model;
    QString path; // where it was saved
    double seconds = 0;
};

Q_DECLARE_METATYPE(TrainingRequest)
Q_DECLARE_METATYPE(TrainedModel)
Q_DECLARE_METATYPE(digitpad::BatchStats)
Q_DECLARE_METATYPE(digitpad::EpochStats)

// Lives on TrainingRunner's thread and owns the trainer while it runs (after Qt's mandelbrot
// example). It reports only through signals, which reach the UI queued. Stopping cannot be a
// queued signal, since the worker is busy in the training loop; it polls a flag the runner owns.
class TrainingWorker : public QObject {
    Q_OBJECT
  public:
    explicit TrainingWorker(const std::atomic<bool> *stopRequested)
        : m_stopRequested(stopRequested) {}

    void run(const TrainingRequest &request);

  Q_SIGNALS:
    void started(int trainSamples, int validationSamples, int threads);
    void batchDone(const digitpad::BatchStats &stats);
    void epochDone(const digitpad::EpochStats &stats);
    void finished(const TrainedModel &result);
    void stopped();
    void failed(const QString &reason);

  private:
    const std::atomic<bool> *m_stopRequested;
};
