#pragma once
// Torch-facing: included only by core's .cpp files.

#include "classifier_impl.h"

#include <torch/torch.h>

namespace digitpad {

// How many pictures training reads through the network at once (validation, calibration).
// Small enough that a chunk's activations stay in cache and its buffers are reused instead of
// mapped afresh: a fine-tune epoch of the default cnn was quickest with chunks of 64 among 32 to
// 1,000.
inline constexpr int64_t kEvaluationChunk = 64;

// The not-a-digit threshold of `model` on the digits `ink` ([N,1,28,28] ink in [0,1]): the
// probability that at most kValidationDigitsRejected of them reach as the model will read them
// with it, never below 0.02 (where a model that never doubts its validation digits would start
// rejecting unusual ones). A picture's probability is averaged over its views where the
// probability as it is reaches kViewsSkippedBelow of the threshold
// (Classifier::Impl::probabilities), and is its own elsewhere.
double calibratedNotDigitThreshold(const Classifier::Impl &model, const torch::Tensor &ink);

} // namespace digitpad
