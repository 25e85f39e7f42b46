#include "augmentation.h"

#include "figure_shapes.h"

#include <array>
#include <cmath>
#include <vector>

namespace digitpad {

namespace {
torch::Tensor uniform(int64_t n, double low, double high, const torch::TensorOptions &options) {
    return torch::rand({n}, options) * (high - low) + low;
}

// Indices of a random share of n samples.
torch::Tensor chosen(int64_t n, double share, const torch::TensorOptions &options) {
    return (torch::rand({n}, options) < share).nonzero().squeeze(1);
}

// [N,1,H,W] ink sampled at a grid of input positions ([N,H,W,2], grid units), with zeros
// outside: bilinear, as every warp of training ink here.
torch::Tensor sampledAt(const torch::Tensor &ink, const torch::Tensor &grid) {
    namespace F = torch::nn::functional;
    return F::grid_sample(ink, grid,
                          F::GridSampleFuncOptions()
                              .mode(torch::kBilinear)
                              .padding_mode(torch::kZeros)
                              .align_corners(false));
}

// [N,1,H,W] ink moved by affine maps [N,2,3] from output to input positions (grid units).
torch::Tensor warpedBy(const torch::Tensor &ink, const torch::Tensor &theta) {
    return sampledAt(ink, torch::nn::functional::affine_grid(theta, ink.sizes(), false));
}

// Indices of a random share of the samples labelled `label` ([N] labels).
torch::Tensor chosenOf(const torch::Tensor &labels, int64_t label, double share,
                       const torch::TensorOptions &options) {
    return (labels.eq(label) & (torch::rand({labels.size(0)}, options) < share))
        .nonzero()
        .squeeze(1);
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
// `change` applied, in place, to a random share of the pictures ([N,1,H,W]); only the chosen
// pictures are computed.
template <typename Change>
void changeShare(torch::Tensor &ink, double share, const Change &change) {
    const auto picked = chosen(ink.size(0), share, ink.options());
    if (picked.numel() > 0)
        ink.index_copy_(0, picked, change(ink.index_select(0, picked)));
}

// Pens differ ([N,1,H,W] ink in [0,1]). A thicker pen: the strokes grow by about a pixel on each
// side. A thinner one: the stroke's rim fades while its core stays.
torch::Tensor thickened(const torch::Tensor &ink) {
    namespace F = torch::nn::functional;
    return torch::maximum(
        ink, 0.75 * F::max_pool2d(ink, F::MaxPool2dFuncOptions(3).stride(1).padding(1)));
}
torch::Tensor thinned(const torch::Tensor &ink) {
    namespace F = torch::nn::functional;
    return torch::minimum(
        ink, 0.3 - F::max_pool2d(-ink, F::MaxPool2dFuncOptions(3).stride(1).padding(1)));
}

// Where a stroke's ink lies, from its moments, in grid units: its centre, its lean (x moves by
// `lean` per unit down), its length (a uniform line of length L has variance L^2 / 12) and its
// spread across the axis (wide for a 1 with a base or a flag).
struct StrokeAxis {
    torch::Tensor centreX, centreY, lean, length, spread;
};
StrokeAxis axisOf(const torch::Tensor &strokes) {
    const int64_t side = strokes.size(-1);
    const auto positions = (torch::arange(side, strokes.options()) * 2 + 1) / double(side) - 1;
    const auto x = positions.view({1, 1, 1, side}), y = positions.view({1, 1, side, 1});
    const auto mass = strokes.sum({1, 2, 3}).clamp_min(1e-3);
    StrokeAxis axis;
    axis.centreX = (strokes * x).sum({1, 2, 3}) / mass;
    axis.centreY = (strokes * y).sum({1, 2, 3}) / mass;
    const auto dx = x - axis.centreX.view({-1, 1, 1, 1}), dy = y - axis.centreY.view({-1, 1, 1, 1});
    const auto varianceY = (strokes * dy * dy).sum({1, 2, 3}) / mass;
    axis.lean =
        ((strokes * dx * dy).sum({1, 2, 3}) / mass / varianceY.clamp_min(1e-3)).clamp(-1.0, 1.0);
    axis.length = (varianceY * 12).sqrt();
    const auto across = dx - axis.lean.view({-1, 1, 1, 1}) * dy;
    axis.spread = ((strokes * across * across).sum({1, 2, 3}) / mass).sqrt();
    return axis;
}

// Each stroke (a written 1, [N,1,28,28], its ink along `axis`) drawn along a stick from (x0, y0)
// to (x1, y1) in grid units, stretched to its length with its pen width kept. The 1 is
// straightened first: written 1s lean and are seldom exactly a digit box long or centred, and a
// figure drawn with them as they are leaves gaps and overshoots at every corner, which a network
// learns to spot instead of the shape.
torch::Tensor drawAlong(const torch::Tensor &strokes, const StrokeAxis &axis,
                        const torch::Tensor &x0, const torch::Tensor &y0, const torch::Tensor &x1,
                        const torch::Tensor &y1) {
    const auto mx = (x0 + x1) / 2, my = (y0 + y1) / 2;
    const auto length = torch::hypot(x1 - x0, y1 - y0).clamp_min(0.05);
    const auto dx = (x1 - x0) / length, dy = (y1 - y0) / length;
    // Output point -> the straight 1's frame: across the stick (x) at scale 1, along it (y) at
    // the 1's length; then that frame -> the stroke's own picture.
    const auto stretch = axis.length.clamp(0.6 * kDigitBoxInGrid, 1.4 * kDigitBoxInGrid) / length;
    const auto along = torch::stack({torch::stack({-dy, dx, dy * mx - dx * my}, 1),
                                     torch::stack({dx, dy, -(dx * mx + dy * my)}, 1)},
                                    1);
    const auto zeros = torch::zeros_like(stretch);
    const auto toStroke =
        torch::stack({torch::stack({torch::ones_like(stretch), axis.lean * stretch}, 1),
                      torch::stack({zeros, stretch}, 1)},
                     1);
    auto theta = torch::matmul(toStroke, along);
    theta.select(2, 2) += torch::stack({axis.centreX, axis.centreY}, 1);
    return warpedBy(strokes, theta);
}

} // namespace

torch::Tensor makeStickFigures(const torch::Tensor &ones, int64_t count) {
    std::vector<float> ends;
    std::vector<int64_t> figureOfStick, slotOfStick; // slot: its row among count * kMaxSticks
    const auto randoms = torch::rand({count, kFigureRandoms});
    for (int64_t figure = 0; figure < count; ++figure) {
        const auto sticks = makeFigureSticks(randoms[figure].contiguous().data_ptr<float>());
        for (std::size_t i = 0; i < sticks.size(); ++i) {
            ends.insert(ends.end(), sticks[i].begin(), sticks[i].end());
            figureOfStick.push_back(figure);
            slotOfStick.push_back(figure * kMaxSticks + int64_t(i));
        }
    }
    const auto options = ones.options();
    const auto longOptions = options.dtype(torch::kLong);
    const auto sticks = int64_t(figureOfStick.size());
    const auto endsOf = torch::from_blob(ends.data(), {sticks, 4}).to(options);
    const auto asTensor = [&](std::vector<int64_t> &values) {
        return torch::from_blob(values.data(), {sticks}, torch::kLong).to(longOptions);
    };
    // One pen per figure: every stick of it is drawn with the same 1, one of the plainer half
    // (a 1's base or flag, repeated on every short stick of a curve, makes it hairy).
    const auto spread = axisOf(ones).spread;
    const auto plain = (spread <= spread.median()).nonzero().squeeze(1);
    const auto penOfFigure =
        plain.index_select(0, torch::randint(plain.size(0), {count}, longOptions));
    const auto strokes = ones.index_select(0, penOfFigure.index_select(0, asTensor(figureOfStick)));
    const auto drawn = drawAlong(strokes, axisOf(strokes), endsOf.select(1, 0), endsOf.select(1, 1),
                                 endsOf.select(1, 2), endsOf.select(1, 3));
    // Where a figure's strokes cross, the darker ink wins, as with a pen.
    const int64_t height = ones.size(-2), width = ones.size(-1);
    auto figures = torch::zeros({count * kMaxSticks, 1, height, width}, options)
                       .index_copy_(0, asTensor(slotOfStick), drawn)
                       .view({count, kMaxSticks, height, width})
                       .amax(1, true);
    // The plainer 1s are the thinner ones, yet people draw shapes with markers too: a thick
    // narrow triangle passed for a 0 when the figures were all drawn thin.
    changeShare(figures, 0.35, thickened);
    return figures;
}

torch::Tensor withFlaggedOnes(const torch::Tensor &ink, const torch::Tensor &labels) {
    const auto options = ink.options();
    const auto flagged = chosenOf(labels, 1, 0.25, options);
    if (flagged.numel() == 0)
        return ink;
    const auto ones = ink.index_select(0, flagged);
    const int64_t count = ones.size(0);
    // The flag starts at the top of the 1 and falls to the left, drawn with the 1's own pen.
    const StrokeAxis axis = axisOf(ones);
    const auto topX = axis.centreX - axis.lean * axis.length / 2;
    const auto topY = axis.centreY - axis.length / 2;
    const auto angle = uniform(count, 30 * M_PI / 180, 65 * M_PI / 180, options);
    const auto reach = axis.length * uniform(count, 0.25, 0.45, options);
    const auto flags = drawAlong(ones, axis, topX - reach * torch::cos(angle),
                                 topY + reach * torch::sin(angle), topX, topY);
    auto result = ink.clone();
    result.index_copy_(0, flagged, torch::maximum(ones, flags));
    return result;
}

torch::Tensor withNarrowZeros(const torch::Tensor &ink, const torch::Tensor &labels) {
    const auto options = ink.options();
    const auto narrowed = chosenOf(labels, 0, 0.3, options);
    if (narrowed.numel() == 0)
        return ink;
    const auto zeros = ink.index_select(0, narrowed);
    const int64_t count = zeros.size(0);
    // affine_grid maps output to input: a width times `kept` samples the input 1 / kept as wide.
    const auto kept = uniform(count, 0.45, 0.8, options);
    // Half of them mirrored: MNIST's writers lean their 0s right, and a tall 0 leaning left was
    // rejected as a narrow polygon (which the negatives lean either way).
    const auto mirror = torch::where(torch::rand({count}, options) < 0.5, -1.0, 1.0).to(options);
    const auto none = torch::zeros({count}, options), one = torch::ones({count}, options);
    const auto theta = torch::stack(
        {torch::stack({mirror / kept, none, none}, 1), torch::stack({none, one, none}, 1)}, 1);
    auto result = ink.clone();
    result.index_copy_(0, narrowed, warpedBy(zeros, theta));
    return result;
}

torch::Tensor withLoopedEights(const torch::Tensor &ink, const torch::Tensor &labels) {
    const auto options = ink.options();
    const auto eights = chosenOf(labels, 8, 0.2, options);
    const auto zeros = labels.eq(0).nonzero().squeeze(1);
    if (eights.numel() == 0 || zeros.numel() == 0)
        return ink;
    const int64_t count = eights.size(0);
    const auto longOptions = options.dtype(torch::kLong);
    const auto loop = [&](double height, double centre) {
        const auto picked =
            zeros.index_select(0, torch::randint(zeros.size(0), {count}, longOptions));
        // affine_grid maps output to input: a loop `height` of the box tall samples the 0 at
        // 1 / height, about its own centre.
        const auto across = uniform(count, 1.05, 1.35, options) / height * 0.5;
        const auto along = torch::full({count}, 1.0 / height, options);
        const auto lean = uniform(count, -0.15, 0.15, options);
        const auto none = torch::zeros({count}, options);
        const auto theta = torch::stack(
            {torch::stack({across, lean, lean * -centre}, 1),
             torch::stack({none, along, torch::full({count}, -centre / height, options)}, 1)},
            1);
        return warpedBy(ink.index_select(0, picked), theta);
    };
    auto result = ink.clone();
    result.index_copy_(0, eights, torch::maximum(loop(0.45, -0.33), loop(0.5, 0.33)));
    return result;
}

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
    // Shifts in grid units (2 / 28 per pixel).
    const double shift = kShiftPixels * 2.0 / double(side);
    const auto shiftX = uniform(n, -shift, shift, options);
    const auto shiftY = uniform(n, -shift, shift, options);

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
    auto warped = sampledAt(ink, grid);

    // Pens differ: a sixth of the digits get thicker strokes, a tenth thinner ones, and some of
    // the thicker ones a marker's.
    changeShare(warped, 0.16, thickened);
    changeShare(warped, 0.05, thickened);
    changeShare(warped, 0.1, thinned);
    return warped.clamp_(0.0, 1.0);
}

torch::Tensor redrawnWithPen(const torch::Tensor &ink) {
    namespace F = torch::nn::functional;
    constexpr int64_t kFiner = 4;
    const auto fine = F::interpolate(ink, F::InterpolateFuncOptions()
                                              .scale_factor(std::vector<double>{kFiner, kFiner})
                                              .mode(torch::kBilinear)
                                              .align_corners(false)
                                              .recompute_scale_factor(false));
    // Where the pen went: a higher level traces a thinner pen.
    const auto level = uniform(ink.size(0), 0.25, 0.6, ink.options()).view({-1, 1, 1, 1});
    const auto traced = (fine > level).to(ink.dtype());
    return F::avg_pool2d(traced, F::AvgPool2dFuncOptions(kFiner));
}

torch::Tensor withSharperEdges(const torch::Tensor &ink) {
    const auto sharpened = chosen(ink.size(0), 1.0 / 3, ink.options());
    if (sharpened.numel() == 0)
        return ink;
    auto result = ink.clone();
    result.index_copy_(0, sharpened,
                       ((ink.index_select(0, sharpened) - 0.3) / 0.4).clamp(0.0, 1.0));
    return result;
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
    const auto overlaid = torch::maximum(base, warpedBy(partner, theta));

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

    // Filled in: the digit shrunk to two thirds and inked over until its holes close, as
    // people black out what they drew. A 1 stays a (thick) 1 that way, so it is crossed out.
    const auto shrink =
        torch::tensor({{1.5f, 0.0f, 0.0f}, {0.0f, 1.5f, 0.0f}}, options).expand({count, 2, 3});
    const auto filled = torch::where(
        baseLabels.eq(1).view({count, 1, 1, 1}), crossed,
        F::max_pool2d(warpedBy(base, shrink), F::MaxPool2dFuncOptions(7).stride(1).padding(3)));

    const auto kind = torch::randint(5, {count, 1, 1, 1}, longOptions);
    auto negatives = torch::where(
        kind.eq(0), overlaid,
        torch::where(kind.eq(1), quartered,
                     torch::where(kind.eq(2), crossed, torch::where(kind.eq(3), turned, filled))));
    // Half of them are figures of straight strokes, drawn with the batch's 1s.
    const auto handwrittenOnes = ink.index_select(0, labels.eq(1).nonzero().squeeze(1));
    if (handwrittenOnes.size(0) > 0) {
        const auto figures = chosen(count, 0.5, options);
        if (figures.numel() > 0)
            negatives.index_copy_(0, figures, makeStickFigures(handwrittenOnes, figures.numel()));
    }
    return negatives;
}

} // namespace digitpad
