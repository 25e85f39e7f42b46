#pragma once

#include "job_runner.h"
#include "model_evaluation.h"

#include <memory>

Q_DECLARE_METATYPE(std::shared_ptr<const digitpad::ModelEvaluation>)

// Runs digitpad::evaluateModel on its own thread: loading the data (files can be large), reading
// every sample, and the analysis with its bootstrap intervals.
class AnalysisRunner : public JobRunner {
    Q_OBJECT
  public:
    explicit AnalysisRunner(QObject *parent = nullptr);

    // `model` is read on the runner's thread: one never changed in place (the session's).
    bool start(const digitpad::Classifier &model, const digitpad::EvaluationRequest &request);

  Q_SIGNALS:
    // The data is loaded; reading its samples starts (progress counts them).
    void dataLoaded(int samples, const QString &name);
    void finished(const std::shared_ptr<const digitpad::ModelEvaluation> &evaluation);
};
