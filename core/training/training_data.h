#pragma once

#include "dataset.h"
#include "model_metadata.h"

#include <QString>
#include <cstdint>
#include <optional>

namespace digitpad {

struct TrainingData {
    Dataset train;
    Dataset validation;
    std::optional<Dataset> test; // the folder's official test files, when present
};

// The MNIST training set (empty folder; its test set rides along, for judging only) or an IDX
// folder, split stratified and deterministically.
// `limit` > 0 keeps a stratified subset of that many samples first (quick runs and tests).
TrainingData prepareTrainingData(const QString &folder, double validationFraction,
                                 std::uint64_t seed, int limit = 0);

// The training and validation splits a model was trained on, rebuilt from its metadata (the
// MNIST training set, its seed and validation fraction). The training split is MNIST's part
// only: personal samples the model also learnt from are not in it. Throws digitpad::Error when
// the model was validated on other data (a folder, a subset) so its splits cannot be rebuilt.
TrainingData splitsOf(const ModelMetadata &metadata);

} // namespace digitpad
