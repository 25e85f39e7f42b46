#include "augmentation.h"

#include <cmath>

namespace digitpad {

namespace {
torch::Tensor uniform(int64_t n, double low, double high, const torch::TensorOptions &options) {
    return torch::rand({n}, options) * (high - low) + low;
}
} // namespace

torch::Tensor augmentBatch(const torch::Tensor &ink) {
    namespace F = torch::nn::functional;
    const int64_t n = ink.size(0);
    const auto options = ink.options();
    constexpr double degrees = M_PI / 180.0;

    const auto angle = uniform(n, -12 * degrees, 12 * degrees, options);
    const auto scale = uniform(n, 0.88, 1.12, options);
    const auto aspect = uniform(n, 0.85, 1.15, options);
    const auto shear = uniform(n, -0.25, 0.25, options);
    // Shifts in grid units (2 / 28 per pixel): up to 2 pixels, as left after centring by mass.
    const auto shiftX = uniform(n, -2.0 / 14, 2.0 / 14, options);
    const auto shiftY = uniform(n, -2.0 / 14, 2.0 / 14, options);

    // affine_grid maps output coordinates to input coordinates, hence the inverse scales.
    const auto scaleX = 1.0 / (scale * aspect);
    const auto scaleY = aspect / scale;
    const auto cosA = torch::cos(angle), sinA = torch::sin(angle);
    const auto theta =
        torch::stack({torch::stack({cosA * scaleX, -sinA * scaleY + shear, shiftX}, 1),
                      torch::stack({sinA * scaleX, cosA * scaleY, shiftY}, 1)},
                     1);
    const auto grid = F::affine_grid(theta, ink.sizes(), /*align_corners=*/false);
    auto warped = F::grid_sample(ink, grid,
                                 F::GridSampleFuncOptions()
                                     .mode(torch::kBilinear)
                                     .padding_mode(torch::kZeros)
                                     .align_corners(false));

    // Thicken a fifth of the digits: people draw with broader pens than MNIST's writers.
    const auto thicker = torch::maximum(
        warped, 0.75 * F::max_pool2d(warped, F::MaxPool2dFuncOptions(3).stride(1).padding(1)));
    const auto chosen = (torch::rand({n, 1, 1, 1}, options) < 0.2);
    return torch::where(chosen, thicker, warped).clamp_(0.0, 1.0);
}

} // namespace digitpad
