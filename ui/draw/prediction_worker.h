#pragma once

#include "piece_memory.h"
#include "prediction_service.h"

// Lives on PredictionService's thread; turns one picture into one PredictionOutcome.
class PredictionWorker : public QObject {
    Q_OBJECT
  public:
    void read(const digitpad::Classifier &model, const QImage &picture, bool penMoving,
              quint64 request);
  Q_SIGNALS:
    void done(const PredictionOutcome &outcome);

  private:
    digitpad::PieceMemory m_memory; // the pieces of the last readings, recalled while drawing
};

// The same reading, synchronously (tests and the benchmark use it).
// `penMoving`: the stroke is still being drawn, so touching digits are not tried yet
// (digitpad::CutTrial::Deferred).
PredictionOutcome readOutcome(const digitpad::Classifier &model, const QImage &picture,
                              bool penMoving = false, digitpad::PieceMemory *memory = nullptr);
