#include "augmentation.h"

#include <cmath>

namespace digitpad {

namespace {
torch::Tensor uniform(int64_t n, double low, double high, const torch::TensorOptions &options) {
    return torch::rand({n}, options) * (high - low) + low;
}

// A normalised 1-D Gaussian as a depthwise kernel for `channels` channels, lying along x or y.
torch::Tensor gaussianKernel(double sigma, int channels, bool alongX,
                             const torch::TensorOptions &options) {
    const int radius = int(std::ceil(2 * sigma));
    auto taps = torch::arange(-radius, radius + 1, options);
    taps = torch::exp(-(taps * taps) / (2 * sigma * sigma));
    taps = taps / taps.sum();
    return alongX ? taps.view({1, 1, 1, -1}).repeat({channels, 1, 1, 1})
                  : taps.view({1, 1, -1, 1}).repeat({channels, 1, 1, 1});
}

// Elastic distortion (Simard, Steinkraus and Platt, 2003): a random displacement field smoothed
// by a Gaussian, as [N,H,W,2] grid offsets. It bends strokes the way other hands and pens do,
// which an affine map cannot.
torch::Tensor elasticOffsets(int64_t n, int side, double sigmaPixels, double alphaPixels,
                             const torch::TensorOptions &options) {
    namespace F = torch::nn::functional;
    auto field = torch::rand({n, 2, side, side}, options) * 2 - 1;
    const int radius = int(std::ceil(2 * sigmaPixels));
    field = F::conv2d(field, gaussianKernel(sigmaPixels, 2, true, options),
                      F::Conv2dFuncOptions().padding({0, radius}).groups(2));
    field = F::conv2d(field, gaussianKernel(sigmaPixels, 2, false, options),
                      F::Conv2dFuncOptions().padding({radius, 0}).groups(2));
    // Normalise each field to unit RMS, then scale: pixels to grid units (2 / side per pixel).
    const auto rms = field.pow(2).mean({1, 2, 3}, true).sqrt().clamp_min(1e-6);
    return (field / rms * (alphaPixels * 2.0 / side)).permute({0, 2, 3, 1});
}
} // namespace

torch::Tensor augmentBatch(const torch::Tensor &ink) {
    namespace F = torch::nn::functional;
    const int64_t n = ink.size(0);
    const int side = int(ink.size(-1));
    const auto options = ink.options();
    constexpr double degrees = M_PI / 180.0;

    const auto angle = uniform(n, -15 * degrees, 15 * degrees, options);
    const auto scale = uniform(n, 0.85, 1.15, options);
    const auto aspect = uniform(n, 0.8, 1.2, options);
    // Strong slants exist in every hand: up to about 25 degrees either way.
    const auto shear = uniform(n, -0.45, 0.45, options);
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
    auto grid = F::affine_grid(theta, ink.sizes(), /*align_corners=*/false);
    // Half the digits also bend: smooth wobbles of about a pixel and a half.
    const auto bent = (torch::rand({n, 1, 1, 1}, options) < 0.5).to(options.dtype());
    grid = grid + elasticOffsets(n, side, 3.0, 1.5, options) * bent;
    auto warped = F::grid_sample(ink, grid,
                                 F::GridSampleFuncOptions()
                                     .mode(torch::kBilinear)
                                     .padding_mode(torch::kZeros)
                                     .align_corners(false));

    // Pens differ: a fifth of the digits get thicker strokes, a seventh thinner ones (the
    // stroke's rim fades while its core stays).
    const auto grown = F::max_pool2d(warped, F::MaxPool2dFuncOptions(3).stride(1).padding(1));
    const auto thicker = torch::maximum(warped, 0.75 * grown);
    const auto core = -F::max_pool2d(-warped, F::MaxPool2dFuncOptions(3).stride(1).padding(1));
    const auto thinner = torch::minimum(warped, core + 0.3);
    const auto pen = torch::rand({n, 1, 1, 1}, options);
    warped = torch::where(pen < 0.2, thicker, torch::where(pen > 0.86, thinner, warped));
    return warped.clamp_(0.0, 1.0);
}

} // namespace digitpad
