#include "model_evaluation.h"

namespace digitpad {

ModelEvaluation evaluateModel(const Classifier &model, const EvaluationRequest &request,
                              const AnalysisOptions &options,
                              const std::function<void(const Dataset &)> &onDataLoaded) {
    EvaluationData chosen;
    if (request.samples)
        chosen.data = *request.samples;
    else if (!request.imagesPath.isEmpty() || !request.labelsPath.isEmpty())
        chosen = loadEvaluationPair(request.imagesPath, request.labelsPath, model.metadata());
    else
        chosen = loadEvaluationData(request.source, request.folder, model.metadata());
    if (onDataLoaded)
        onDataLoaded(chosen.data);
    ModelEvaluation result{analyse(model, chosen.data, options), std::move(chosen.data)};
    result.analysis.trainingClassCounts = chosen.trainingClassCounts;
    return result;
}

} // namespace digitpad
