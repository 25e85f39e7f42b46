#pragma once

#include "classifier.h"
#include "dataset.h"
#include "open_set.h"

#include <functional>
#include <optional>

namespace digitpad {

// The open-set curve of a model with the not-a-digit class: `digits` against the real doodles of
// the kinds held out of training (quickdraw.h), each read as the Draw tab reads a picture.
// Nothing for a model without the class. Throws digitpad::Error when the doodles are missing.
// `progress` hears (done, total) as the model reads.
std::optional<OpenSetCurve> measureOpenSet(const Classifier &model, const Dataset &digits,
                                           const std::function<void(int, int)> &progress = {});

} // namespace digitpad
