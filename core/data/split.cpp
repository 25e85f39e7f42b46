#include "split.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

namespace digitpad {

Split stratifiedSplit(const std::vector<std::uint8_t> &labels, double validationFraction,
                      std::uint64_t seed) {
    std::map<std::uint8_t, std::vector<int>> byClass;
    for (int i = 0; i < static_cast<int>(labels.size()); ++i)
        byClass[labels[i]].push_back(i);

    std::mt19937_64 generator(seed);
    Split split;
    for (auto &[label, indices] : byClass) {
        for (std::size_t i = indices.size(); i > 1; --i) {
            const std::size_t j = generator() % i;
            std::swap(indices[i - 1], indices[j]);
        }
        const auto validationCount =
            static_cast<std::size_t>(std::lround(validationFraction * indices.size()));
        split.validation.insert(split.validation.end(), indices.begin(),
                                indices.begin() + validationCount);
        split.train.insert(split.train.end(), indices.begin() + validationCount, indices.end());
    }
    std::sort(split.train.begin(), split.train.end());
    std::sort(split.validation.begin(), split.validation.end());
    return split;
}

} // namespace digitpad
