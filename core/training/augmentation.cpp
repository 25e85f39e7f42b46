#include "augmentation.h"

#include <cmath>

namespace digitpad {

namespace {
torch::Tensor uniform(int64_t n, double low, double high, const torch::TensorOptions &options) {
    return torch::rand({n}, options) * (high - low) + low;
}

// Indices of a random share of n samples.
torch::Tensor chosen(int64_t n, double share, const torch::TensorOptions &options) {
    return (torch::rand({n}, options) < share).nonzero().squeeze(1);
}

// Elastic distortion (Simard, Steinkraus and Platt, 2003): a smooth random displacement field,
// as [N,H,W,2] grid offsets. It bends strokes the way other hands and pens do, which an affine
// map cannot. The field is random on a coarse grid of `controls` x `controls` points and
// interpolated (bicubic) in between: as smooth as a Gaussian-blurred field, at a fraction of the
// cost (blurring full-size noise took as long as the network's own step).
torch::Tensor elasticOffsets(int64_t n, int side, int controls, double alphaPixels,
                             const torch::TensorOptions &options) {
    namespace F = torch::nn::functional;
    auto field = torch::rand({n, 2, controls, controls}, options) * 2 - 1;
    field = F::interpolate(field, F::InterpolateFuncOptions()
                                      .size(std::vector<int64_t>{side, side})
                                      .mode(torch::kBicubic)
                                      .align_corners(true));
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

    const auto angle = uniform(n, -12 * degrees, 12 * degrees, options);
    const auto scale = uniform(n, 0.88, 1.12, options);
    const auto aspect = uniform(n, 0.85, 1.15, options);
    // Slants up to about 17 degrees either way, on top of the writers' own.
    const auto shear = uniform(n, -0.3, 0.3, options);
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
    // A quarter of the digits also bend: smooth wobbles of about a pixel.
    const auto bent = chosen(n, 0.25, options);
    if (bent.numel() > 0)
        grid.index_add_(0, bent, elasticOffsets(bent.numel(), side, 5, 1.0, options));
    auto warped = F::grid_sample(ink, grid,
                                 F::GridSampleFuncOptions()
                                     .mode(torch::kBilinear)
                                     .padding_mode(torch::kZeros)
                                     .align_corners(false));

    // Pens differ: a sixth of the digits get thicker strokes, a tenth thinner ones (the
    // stroke's rim fades while its core stays). Only the chosen digits are computed.
    const auto pool = F::MaxPool2dFuncOptions(3).stride(1).padding(1);
    if (const auto thicker = chosen(n, 0.16, options); thicker.numel() > 0) {
        const auto digits = warped.index_select(0, thicker);
        warped.index_copy_(0, thicker, torch::maximum(digits, 0.75 * F::max_pool2d(digits, pool)));
    }
    if (const auto thinner = chosen(n, 0.1, options); thinner.numel() > 0) {
        const auto digits = warped.index_select(0, thinner);
        warped.index_copy_(0, thinner, torch::minimum(digits, 0.3 - F::max_pool2d(-digits, pool)));
    }
    return warped.clamp_(0.0, 1.0);
}

torch::Tensor makeNonDigits(const torch::Tensor &ink, const torch::Tensor &labels, int64_t count) {
    namespace F = torch::nn::functional;
    const int64_t n = ink.size(0);
    const int64_t side = ink.size(-1), half = side / 2;
    const auto options = ink.options();
    const auto longOptions = options.dtype(torch::kLong);
    const auto pick = torch::randint(n, {count}, longOptions);
    const auto base = ink.index_select(0, pick);
    const auto baseLabels = labels.index_select(0, pick);

    // Overlaid: another digit moved 4 to 9 pixels in a random direction, over this one.
    const auto partner = ink.index_select(0, torch::randint(n, {count}, longOptions));
    const auto direction = uniform(count, 0, 2 * M_PI, options);
    const auto distance = uniform(count, 4.0 / half, 9.0 / half, options);
    const auto ones = torch::ones({count}, options), zeros = torch::zeros({count}, options);
    const auto theta =
        torch::stack({torch::stack({ones, zeros, distance * torch::cos(direction)}, 1),
                      torch::stack({zeros, ones, distance * torch::sin(direction)}, 1)},
                     1);
    const auto moved = F::grid_sample(partner, F::affine_grid(theta, partner.sizes(), false),
                                      F::GridSampleFuncOptions()
                                          .mode(torch::kBilinear)
                                          .padding_mode(torch::kZeros)
                                          .align_corners(false));
    const auto overlaid = torch::maximum(base, moved);

    // Cut up: the four quarters swapped across the diagonal.
    const auto top = base.slice(2, 0, half), bottom = base.slice(2, half, side);
    const auto quartered =
        torch::cat({torch::cat({bottom.slice(3, half, side), bottom.slice(3, 0, half)}, 3),
                    torch::cat({top.slice(3, half, side), top.slice(3, 0, half)}, 3)},
                   2);

    // Crossed out: one or two strokes right through the digit.
    const auto coordinates = torch::arange(side, options) - (side - 1) / 2.0;
    const auto y = coordinates.view({1, 1, side, 1}), x = coordinates.view({1, 1, 1, side});
    const auto strike = [&](const torch::Tensor &angle) {
        const auto a = angle.view({count, 1, 1, 1});
        const auto offset = uniform(count, -3, 3, options).view({count, 1, 1, 1});
        const auto gap = torch::abs(x * torch::sin(a) - y * torch::cos(a) - offset);
        return (1.8 - gap).clamp(0.0, 1.0);
    };
    const auto angle = uniform(count, 0, M_PI, options);
    const auto twice = (torch::rand({count, 1, 1, 1}, options) < 0.5).to(options.dtype());
    const auto crossed =
        torch::maximum(base, torch::maximum(strike(angle), strike(angle + M_PI / 2) * twice));

    // On its side: turned a quarter; a 0 stays a 0 that way, so it is overlaid instead.
    const auto turned = torch::where(baseLabels.eq(0).view({count, 1, 1, 1}), overlaid,
                                     base.transpose(2, 3).flip({3}));

    const auto kind = torch::randint(4, {count, 1, 1, 1}, longOptions);
    return torch::where(
        kind.eq(0), overlaid,
        torch::where(kind.eq(1), quartered, torch::where(kind.eq(2), crossed, turned)));
}

} // namespace digitpad
