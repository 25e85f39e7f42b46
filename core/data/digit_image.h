#pragma once

#include <array>

namespace digitpad {

constexpr int kImageSide = 28;
constexpr int kImagePixels = kImageSide * kImageSide;
constexpr int kClassCount = 10;

// The 28x28 input a model sees: ink intensity in [0,1], bright ink on black as in MNIST,
// before the model's own normalisation.
using ModelInput = std::array<float, kImagePixels>;

} // namespace digitpad
