#pragma once

#include "dataset.h"

#include <QString>
#include <cstdint>
#include <optional>

namespace digitpad {

struct TrainingData {
    Dataset train;
    Dataset validation;
    std::optional<Dataset> test; // the folder's official test files, when present
};

// The embedded digits (empty folder) or an IDX folder, split stratified and deterministically.
// `limit` > 0 keeps a stratified subset of that many samples first (quick runs and tests).
TrainingData prepareTrainingData(const QString &folder, double validationFraction,
                                 std::uint64_t seed, int limit = 0);

} // namespace digitpad
