#include "doodle_negatives.h"

#include "classifier_impl.h"
#include "preprocess.h"
#include "quickdraw.h"
#include "stroke_width.h"

#include <vector>

namespace digitpad {

namespace {
namespace F = torch::nn::functional;

// [N] first and last index along the last dimension where `present` ([N,side]) is true.
std::pair<torch::Tensor, torch::Tensor> extent(const torch::Tensor &present) {
    const int64_t side = present.size(1);
    const auto index = torch::arange(side, torch::kFloat).expand_as(present);
    const auto first = torch::where(present, index, torch::full_like(index, double(side))).amin(1);
    const auto last = torch::where(present, index, torch::full_like(index, -1.0)).amax(1);
    return {first, last};
}

// [N,1,28,28] ink resampled so that the box around (centreX, centreY) in input pixels, scaled by
// `scale`, lands in the middle of the picture.
torch::Tensor resampled(const torch::Tensor &ink, const torch::Tensor &scale,
                        const torch::Tensor &centreX, const torch::Tensor &centreY) {
    const double side = double(ink.size(-1));
    const auto zeros = torch::zeros_like(scale);
    // align_corners=false: an output offset of x grid units is x * side / 2 pixels.
    const auto theta =
        torch::stack({torch::stack({1 / scale, zeros, (2 * centreX + 1) / side - 1}, 1),
                      torch::stack({zeros, 1 / scale, (2 * centreY + 1) / side - 1}, 1)},
                     1);
    const auto grid = F::affine_grid(theta, ink.sizes(), false);
    return F::grid_sample(ink, grid,
                          F::GridSampleFuncOptions()
                              .mode(torch::kBilinear)
                              .padding_mode(torch::kZeros)
                              .align_corners(false));
}

// Each doodle framed as the preprocessing frames a picture: the ink's box scaled so that its
// longer side is 20 pixels, then moved so that its centre of mass is at the picture's centre.
// In one batch: framing every doodle as a picture, one at a time, took seconds.
torch::Tensor framed(const torch::Tensor &ink) {
    const auto present = ink > 0.05;
    const auto [left, right] = extent(present.any(2).squeeze(1));
    const auto [top, bottom] = extent(present.any(3).squeeze(1));
    const auto size = torch::maximum(right - left, bottom - top) + 1;
    const auto scale = double(kDigitBox) / size.clamp_min(1.0);
    auto centreX = (left + right) / 2, centreY = (top + bottom) / 2;
    const auto boxed = resampled(ink, scale, centreX, centreY);
    // Centre of mass of the boxed ink, in pixels of the output.
    const int64_t side = ink.size(-1);
    const auto positions = torch::arange(side, torch::kFloat);
    const auto mass = boxed.sum({1, 2, 3}).clamp_min(1e-6);
    const auto massX = (boxed * positions.view({1, 1, 1, side})).sum({1, 2, 3}) / mass;
    const auto massY = (boxed * positions.view({1, 1, side, 1})).sum({1, 2, 3}) / mass;
    // The output's pixel p shows input pixel (p - 13.5) / scale + centre; move by what puts the
    // mass at kMassCentre.
    centreX = centreX + (massX - kMassCentre) / scale;
    centreY = centreY + (massY - kMassCentre) / scale;
    return resampled(ink, scale, centreX, centreY).clamp(0.0, 1.0);
}
// The doodles worth learning from: not blank, and not a lone stroke (a bat, a pencil or a
// candle drawn as one line is a 1 once framed).
torch::Tensor drawnShapes(const torch::Tensor &ink) {
    const auto present = ink > 0.05;
    const auto [left, right] = extent(present.any(2).squeeze(1));
    const auto [top, bottom] = extent(present.any(3).squeeze(1));
    const auto width = right - left + 1, height = bottom - top + 1;
    const auto aspect = torch::minimum(width, height) / torch::maximum(width, height).clamp_min(1);
    return (present.sum({1, 2, 3}).gt(10) & aspect.gt(0.25)).nonzero().squeeze(1);
}

// Strokes thinner than MNIST's thickened by a pixel, as the preprocessing thickens a drawing's
// (preprocess.cpp): doodles are drawn with a thin pen, and a network that learnt thinness as a
// sign of "not a digit" would take the same doodle drawn in the app for a digit.
torch::Tensor thickenedWhereThin(const torch::Tensor &ink) {
    const auto bytes = (ink * 255.0).round().to(torch::kUInt8).contiguous();
    std::vector<int64_t> thin;
    for (int64_t i = 0; i < bytes.size(0); ++i)
        if (strokeWidth(bytes[i].data_ptr<std::uint8_t>(), kImageSide, kImageSide) < kThinStroke)
            thin.push_back(i);
    auto result = ink.clone();
    if (thin.empty())
        return result;
    const auto picked = torch::tensor(thin, torch::kInt64);
    const auto chosen = ink.index_select(0, picked);
    result.index_copy_(
        0, picked,
        torch::maximum(
            chosen, 0.75 * F::max_pool2d(chosen, F::MaxPool2dFuncOptions(3).stride(1).padding(1))));
    return result;
}
} // namespace

const DoodleNegatives &DoodleNegatives::bundled() {
    static const DoodleNegatives negatives = [] {
        const DoodleSet doodles =
            doodlesOfKinds(loadDoodles(bundledDoodlesPath()), /*heldOut=*/false);
        const auto ink = inkTensorFromBytes(doodles.pixels.data(), doodles.size());
        DoodleNegatives loaded;
        loaded.m_ink = (thickenedWhereThin(framed(ink.index_select(0, drawnShapes(ink)))) * 255.0)
                           .round()
                           .to(torch::kUInt8);
        return loaded;
    }();
    return negatives;
}

torch::Tensor DoodleNegatives::draw(int64_t count, torch::Device device) const {
    const auto picked = torch::randint(size(), {count}, torch::kInt64);
    return m_ink.index_select(0, picked).to(device).to(torch::kFloat) / 255.0;
}

} // namespace digitpad
