#include "explanation.h"

#include <algorithm>

namespace digitpad {

namespace {
constexpr int kPatch = 6;
constexpr int kStride = 2;

// Calls visit(index) for every pixel of the patch whose corner is (x, y) that lies in the image.
template <typename Visit> void forEachPatchPixel(int x, int y, Visit visit) {
    for (int py = std::max(0, y); py < std::min(kImageSide, y + kPatch); ++py)
        for (int px = std::max(0, x); px < std::min(kImageSide, x + kPatch); ++px)
            visit(std::size_t(py) * kImageSide + std::size_t(px));
}
} // namespace

Heatmap occlusionHeatmap(const Classifier &model, const ModelInput &input, int digit) {
    std::vector<ModelInput> occluded;
    std::vector<std::pair<int, int>> origins;
    for (int y = -kPatch / 2; y <= kImageSide - kPatch / 2; y += kStride)
        for (int x = -kPatch / 2; x <= kImageSide - kPatch / 2; x += kStride) {
            ModelInput copy = input;
            forEachPatchPixel(x, y, [&copy](std::size_t pixel) { copy[pixel] = 0.0f; });
            occluded.push_back(copy);
            origins.emplace_back(x, y);
        }
    const float reference = model.predictInputs({input}, NotDigitScore::Skipped)
                                .front()
                                .probabilities[std::size_t(digit)];
    const std::vector<Prediction> predictions =
        model.predictInputs(occluded, NotDigitScore::Skipped);

    Heatmap heat{};
    std::array<int, kImagePixels> covered{};
    for (std::size_t i = 0; i < predictions.size(); ++i) {
        const float drop = reference - predictions[i].probabilities[std::size_t(digit)];
        forEachPatchPixel(origins[i].first, origins[i].second, [&](std::size_t pixel) {
            heat[pixel] += drop;
            ++covered[pixel];
        });
    }
    for (std::size_t i = 0; i < heat.size(); ++i)
        heat[i] = covered[i] ? heat[i] / float(covered[i]) : 0.0f;
    return heat;
}

} // namespace digitpad
