#pragma once
// Torch-facing: included only by core's .cpp files.

#include <torch/torch.h>

namespace digitpad {

// Random affine (rotation, scale, aspect, shear, shift), elastic distortion on a quarter of the
// digits, and thicker or thinner strokes on some,
// applied to a [N,1,28,28] ink batch in [0,1]. Draws from torch's global generator, so a run is
// reproducible under torch::manual_seed.
torch::Tensor augmentBatch(const torch::Tensor &ink);

// `count` examples of "not a digit" made out of a batch of digits ([N,1,28,28] ink and [N]
// labels): two digits overlaid out of step, a digit cut into quarters put back in the wrong
// places, a digit crossed out, a digit turned on its side. Handwriting, but no digit.
torch::Tensor makeNonDigits(const torch::Tensor &ink, const torch::Tensor &labels, int64_t count);

} // namespace digitpad
