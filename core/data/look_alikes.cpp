#include "look_alikes.h"

#include <algorithm>
#include <cstdint>
#include <utility>

namespace digitpad {

std::vector<int> lookAlikes(const Dataset &data, int index, int label, int count) {
    if (index < 0 || index >= data.size() || count <= 0)
        return {};
    const std::uint8_t *suspect = data.image(index);
    std::vector<std::pair<std::int64_t, int>> distances; // (squared distance, sample)
    for (int k = 0; k < data.size(); ++k) {
        if (k == index || data.labels[std::size_t(k)] != label)
            continue;
        const std::uint8_t *other = data.image(k);
        std::int64_t distance = 0;
        for (int p = 0; p < kImagePixels; ++p) {
            const std::int64_t difference = int(suspect[p]) - int(other[p]);
            distance += difference * difference;
        }
        distances.emplace_back(distance, k);
    }
    const auto shown = std::min(distances.size(), std::size_t(count));
    std::partial_sort(distances.begin(), distances.begin() + std::ptrdiff_t(shown),
                      distances.end());
    std::vector<int> nearest;
    nearest.reserve(shown);
    for (std::size_t k = 0; k < shown; ++k)
        nearest.push_back(distances[k].second);
    return nearest;
}

} // namespace digitpad
