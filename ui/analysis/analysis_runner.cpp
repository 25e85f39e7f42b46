#include "analysis_runner.h"

AnalysisRunner::AnalysisRunner(QObject *parent) : JobRunner(QStringLiteral("analysis"), parent) {
    qRegisterMetaType<std::shared_ptr<const digitpad::ModelEvaluation>>();
}

bool AnalysisRunner::start(const digitpad::Classifier &model,
                           const digitpad::EvaluationRequest &request) {
    return startJob([this, model, request]() -> Delivery {
        digitpad::AnalysisOptions options;
        options.progress = [this](int done, int total) { Q_EMIT progress(done, total); };
        auto evaluation = std::make_shared<const digitpad::ModelEvaluation>(
            digitpad::evaluateModel(model, request, options, [this](const digitpad::Dataset &data) {
                Q_EMIT dataLoaded(data.size(), data.name);
            }));
        return [this, evaluation] { Q_EMIT finished(evaluation); };
    });
}
