#pragma once
// Torch-facing: included only by core's .cpp files.

#include <torch/torch.h>

namespace digitpad {

// The ink as it is and its four views.
inline constexpr int64_t kNotDigitViews = 5;

// The views of [N,1,28,28] ink in [0,1] that a model's not-a-digit probability is averaged over
// (ModelMetadata::notDigitOverViews), besides the ink as it is: the ink turned 12 degrees either
// way and scaled by 0.88 and by 1.12 about the centre, [4N,1,28,28], view after view. A digit
// stays a digit turned or scaled a little; a scribble or a letter that the network half takes
// for a digit seldom does in all five. At the same share of validation digits rejected, the
// average rejects more of bench_not_a_digit's non-digits than the ink as it is; more views, or
// shifts, did no better.
torch::Tensor notDigitViews(const torch::Tensor &ink);

// A picture whose not-a-digit probability, read as it is, is below this share of the model's
// threshold reads as a digit without its views, sparing four fifths of the network's work for a
// clear digit. The average reaches the threshold from there only if the four views average a
// quarter more than the threshold while the picture itself hardly doubts; among validation
// digits, those the views reject doubt far more as they are (see `bench_predict`, which counts
// the verdicts the skip changes). A skipped picture's probability is its own, not the average:
// a curve over thresholds far below the model's own (the open-set curve) may count a clear digit
// as a little less doubtful than its views would.
inline constexpr double kViewsSkippedBelow = 1.0 / 200;

} // namespace digitpad
