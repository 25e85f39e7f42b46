#pragma once

#include "classifier.h"
#include "job_runner.h"

#include <QImage>

// Why one reading came out as it did: the occlusion heat of its input, as heatPicture() draws it.
struct Explanation {
    quint64 reading = 0; // the PredictionOutcome::request it explains
    QImage heat;         // covers the reading's whole 28x28 input
    double milliseconds = 0;
};
Q_DECLARE_METATYPE(Explanation)

// Explains the Draw tab's readings on a thread of its own, so that the reading that follows the
// pen never waits for an explanation, which costs many readings' work. Latest wins
// (JobRunner::startLatest): only the newest drawing is explained next.
class Explainer : public JobRunner {
    Q_OBJECT
  public:
    explicit Explainer(QObject *parent = nullptr);
    void setModel(const digitpad::Classifier &model); // the session's: never changed in place
    // Explains why `input` reads as `digit`; `reading` comes back in the Explanation.
    void explain(const digitpad::ModelInput &input, int digit, quint64 reading);
    // Forgets the request that waits (one being explained still arrives).
    void cancel() { forgetWaitingJob(); }

  Q_SIGNALS:
    void explained(const Explanation &explanation);

  private:
    digitpad::Classifier m_model;
};
