#pragma once

#include "classifier.h"
#include "job_runner.h"
#include "piece_memory.h"
#include "prediction_outcome.h"

#include <QImage>
#include <memory>

// Reads the Draw tab's pictures on a thread of its own, so drawing never waits for the model.
// Latest wins: a picture asked for while one is being read waits in place of any earlier one,
// and every reading is shown when it is done, so that the reading keeps up while the pen moves.
class PredictionService : public JobRunner {
    Q_OBJECT
  public:
    explicit PredictionService(QObject *parent = nullptr);

    void setModel(const digitpad::Classifier &model); // the session's: never changed in place
    const digitpad::Classifier &model() const { return m_model; }
    // `penMoving`: the stroke is still being drawn (readOutcome()). Returns the request's
    // number, which its outcome carries.
    quint64 request(const QImage &picture, bool penMoving = false);
    // A reading is being computed or waits its turn.
    bool isBusy() const { return isRunning() || hasWaitingJob(); }

  Q_SIGNALS:
    void ready(const PredictionOutcome &outcome);

  private:
    digitpad::Classifier m_model;
    quint64 m_lastRequest = 0;
    // The pieces of the last readings, recalled while drawing. Only jobs touch it, one at a time
    // on the runner's thread; they share it so that it outlives this object while one ends.
    std::shared_ptr<digitpad::PieceMemory> m_memory = std::make_shared<digitpad::PieceMemory>();
};
