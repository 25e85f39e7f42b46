#pragma once

#include "classifier.h"
#include "job_runner.h"

#include <QImage>
#include <optional>

// Why one reading came out as it did: the occlusion heat of its input, as heatPicture() draws it.
struct Explanation {
    quint64 reading = 0; // the PredictionOutcome::request it explains
    QImage heat;         // covers the reading's whole 28x28 input
    double milliseconds = 0;
};
Q_DECLARE_METATYPE(Explanation)

// Explains the Draw tab's readings on a thread of its own, so that the reading that follows the
// pen never waits for an explanation, which costs many readings' work. A request made while one
// is being explained replaces any that waits: only the newest drawing is explained next.
class Explainer : public JobRunner {
    Q_OBJECT
  public:
    explicit Explainer(QObject *parent = nullptr);
    void setModel(const digitpad::Classifier &model); // a snapshot is taken
    // Explains why `input` reads as `digit`; `reading` comes back in the Explanation.
    void explain(const digitpad::ModelInput &input, int digit, quint64 reading);
    // Forgets the request that waits (one being explained still arrives).
    void cancel() { m_pending.reset(); }

  Q_SIGNALS:
    void explained(const Explanation &explanation);

  private:
    struct Request {
        digitpad::ModelInput input;
        int digit;
        quint64 reading;
    };
    void startNext();

    digitpad::Classifier m_model;
    std::optional<Request> m_pending;
};
