#pragma once

#include "sample_outcome.h"

#include <optional>
#include <vector>

namespace digitpad {

// One bar of a reliability diagram: the samples whose confidence falls in [low, high).
struct ReliabilityBin {
    double low = 0, high = 0;
    int count = 0;
    double meanConfidence = 0; // 0 when empty
    double accuracy = 0;       // 0 when empty
};

constexpr int kReliabilityBins = 10;

std::vector<ReliabilityBin> reliabilityBins(const Outcomes &outcomes,
                                            const std::vector<int> &indices);
std::vector<ReliabilityBin> reliabilityBins(const Outcomes &outcomes);

// Expected calibration error: the count-weighted mean gap between confidence and accuracy
// over the bins (Guo et al., 2017). Empty for no samples.
std::optional<double> expectedCalibrationError(const std::vector<ReliabilityBin> &bins);

} // namespace digitpad
