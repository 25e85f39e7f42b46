#pragma once

#include "prediction_service.h"

// Lives on PredictionService's thread; turns one picture into one PredictionOutcome.
class PredictionWorker : public QObject {
    Q_OBJECT
  public:
    void read(const digitpad::Classifier &model, const QImage &picture, bool explain,
              quint64 request);
  Q_SIGNALS:
    void done(const PredictionOutcome &outcome);
};

// The same reading, synchronously (tests and the benchmark use it).
PredictionOutcome readOutcome(const digitpad::Classifier &model, const QImage &picture,
                              bool explain);
