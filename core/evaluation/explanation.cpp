#include "explanation.h"

#include <algorithm>

namespace digitpad {

Heatmap occlusionHeatmap(const Classifier &model, const ModelInput &input, int digit) {
    constexpr int patch = 6;
    constexpr int stride = 2;
    std::vector<ModelInput> occluded;
    std::vector<std::pair<int, int>> origins;
    for (int y = -patch / 2; y <= kImageSide - patch / 2; y += stride)
        for (int x = -patch / 2; x <= kImageSide - patch / 2; x += stride) {
            ModelInput copy = input;
            for (int dy = 0; dy < patch; ++dy)
                for (int dx = 0; dx < patch; ++dx) {
                    const int px = x + dx, py = y + dy;
                    if (px >= 0 && py >= 0 && px < kImageSide && py < kImageSide)
                        copy[std::size_t(py * kImageSide + px)] = 0.0f;
                }
            occluded.push_back(copy);
            origins.emplace_back(x, y);
        }
    const float reference = model.predict(input).probabilities[std::size_t(digit)];
    const std::vector<Prediction> predictions = model.predictInputs(occluded);

    Heatmap heat{};
    std::array<int, kImagePixels> covered{};
    for (std::size_t i = 0; i < predictions.size(); ++i) {
        const float drop = reference - predictions[i].probabilities[std::size_t(digit)];
        const auto [x, y] = origins[i];
        for (int dy = 0; dy < patch; ++dy)
            for (int dx = 0; dx < patch; ++dx) {
                const int px = x + dx, py = y + dy;
                if (px >= 0 && py >= 0 && px < kImageSide && py < kImageSide) {
                    heat[std::size_t(py * kImageSide + px)] += drop;
                    ++covered[std::size_t(py * kImageSide + px)];
                }
            }
    }
    for (int i = 0; i < kImagePixels; ++i)
        heat[std::size_t(i)] =
            covered[std::size_t(i)] ? heat[std::size_t(i)] / covered[std::size_t(i)] : 0.0f;
    return heat;
}

} // namespace digitpad
