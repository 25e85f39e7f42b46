#pragma once

#include "analysis.h"
#include "classifier.h"
#include "dataset.h"
#include "evaluation_source.h"

#include <QString>
#include <functional>
#include <optional>

namespace digitpad {

// What to evaluate a model on, as the Analysis tab and `digitpad-cli eval` ask for it.
struct EvaluationRequest {
    EvaluationSource source = EvaluationSource::MnistTest;
    QString folder; // the IDX folder, or the personal-samples folder
    // Both set: this IDX image/label pair instead of `source` (the CLI's --images/--labels).
    QString imagesPath;
    QString labelsPath;
    // Set: exactly these samples (comparing a second model on the data already shown).
    std::optional<Dataset> samples;
};

struct ModelEvaluation {
    Analysis analysis; // with the training class counts of the model, when they can be rebuilt
    Dataset data;      // what was evaluated, for showing samples
};

// Loads the requested data, reads it with the model and analyses the outcome: the one call
// behind "evaluate a model on a named data source". `onDataLoaded` hears the data before the
// (longer) reading starts. Throws digitpad::Error naming what is missing or wrong.
ModelEvaluation evaluateModel(const Classifier &model, const EvaluationRequest &request,
                              const AnalysisOptions &options = {},
                              const std::function<void(const Dataset &)> &onDataLoaded = {});

} // namespace digitpad
