#pragma once
// Torch-facing: included only by core's .cpp files.

#include <torch/torch.h>

namespace digitpad {

// Random affine (rotation, scale, aspect, strong shear, shift), elastic distortion on half the
// digits, and thicker or thinner strokes on some,
// applied to a [N,1,28,28] ink batch in [0,1]. Draws from torch's global generator, so a run is
// reproducible under torch::manual_seed.
torch::Tensor augmentBatch(const torch::Tensor &ink);

} // namespace digitpad
