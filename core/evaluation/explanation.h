#pragma once

#include "classifier.h"

namespace digitpad {

// Occlusion sensitivity: how much the probability of `digit` drops when each region of the
// input is blanked. Positive where the ink supports the prediction. Model-agnostic, so it
// explains the mlp and the cnn alike; one batched forward pass of ~170 occluded copies.
using Heatmap = std::array<float, kImagePixels>;
Heatmap occlusionHeatmap(const Classifier &model, const ModelInput &input, int digit);

} // namespace digitpad
