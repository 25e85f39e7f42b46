#pragma once

#include "dataset.h"
#include "label_marks.h"
#include "model_metadata.h"

#include <QString>
#include <cstdint>
#include <optional>

namespace digitpad {

struct TrainingData {
    Dataset train;
    Dataset validation;
    std::optional<Dataset> test; // the folder's official test files, when present
    int leftOut = 0;             // training digits left out as marked wrong
};

// The MNIST training set (empty folder; its test set rides along, for judging only) or an IDX
// folder, split stratified and deterministically.
// `limit` > 0 keeps a stratified subset of that many samples first (quick runs and tests).
// With `marks`, the training split leaves out the digits marked wrong in that data set (the
// validation split stays as it is, so runs with and without stay comparable).
TrainingData prepareTrainingData(const QString &folder, double validationFraction,
                                 std::uint64_t seed, int limit = 0,
                                 const LabelMarks *marks = nullptr);

// The training and validation splits a model was trained on, rebuilt from its metadata (the
// MNIST training set, its seed and validation fraction). The training split is MNIST's part
// only: personal samples the model also learnt from are not in it. Throws digitpad::Error when
// the model was validated on other data (a folder, a subset) so its splits cannot be rebuilt.
TrainingData splitsOf(const ModelMetadata &metadata);

} // namespace digitpad
