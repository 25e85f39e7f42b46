#pragma once

#include <cstdint>
#include <vector>

namespace digitpad {

struct Split {
    std::vector<int> train;      // ascending indices
    std::vector<int> validation; // ascending indices
};

// Each class keeps the same share in both parts. Deterministic for a seed on every platform:
// the shuffle is written here rather than std::shuffle, whose output is implementation-defined.
Split stratifiedSplit(const std::vector<std::uint8_t> &labels, double validationFraction,
                      std::uint64_t seed);

} // namespace digitpad
