#pragma once

#include "dataset.h"
#include "model_metadata.h"

#include <QString>
#include <array>
#include <optional>

namespace digitpad {

// The data a model can be evaluated on, as the Analysis tab and `digitpad-cli eval` offer it.
enum class EvaluationSource {
    MnistTest,       // the official 10,000 test digits: the default, and the one that judges
    ModelValidation, // the validation split the model was chosen on (MNIST-trained models)
    MnistTraining,   // all 60,000 training digits (mostly seen in training: an optimistic view)
    IdxFolder,       // any IDX data set: a folder with the MNIST files or one idx3/idx1 pair
    PersonalSamples, // the user's corrected drawings
};

// Stable keys for settings and the command line: "mnist-test", "validation", "mnist-train",
// "folder", "personal".
QString evaluationSourceKey(EvaluationSource source);
std::optional<EvaluationSource> evaluationSourceFromKey(const QString &key);
// "MNIST test set (10,000)", ...: what a user reads in a data choice.
QString evaluationSourceLabel(EvaluationSource source);

struct EvaluationData {
    Dataset data;
    // Of the split the model was trained on, when it can be rebuilt (splitsOf()).
    std::optional<std::array<int, kClassCount>> trainingClassCounts;
};

// Loads the chosen data once, with the model's training class counts beside it. `folder` is the
// IDX folder or the personal-samples folder. Throws digitpad::Error saying what is missing.
EvaluationData loadEvaluationData(EvaluationSource source, const QString &folder,
                                  const ModelMetadata &model);
// The same for an explicit IDX image/label pair (the CLI's --images/--labels).
EvaluationData loadEvaluationPair(const QString &imagesPath, const QString &labelsPath,
                                  const ModelMetadata &model);

} // namespace digitpad
