#include "calibration.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace digitpad {

std::vector<ReliabilityBin> reliabilityBins(const Outcomes &outcomes,
                                            const std::vector<int> &indices) {
    std::vector<ReliabilityBin> bins(kReliabilityBins);
    std::vector<double> confidenceSum(kReliabilityBins, 0.0), correctSum(kReliabilityBins, 0.0);
    for (int b = 0; b < kReliabilityBins; ++b) {
        bins[std::size_t(b)].low = double(b) / kReliabilityBins;
        bins[std::size_t(b)].high = double(b + 1) / kReliabilityBins;
    }
    for (int index : indices) {
        const SampleOutcome &outcome = outcomes[std::size_t(index)];
        const int b =
            std::clamp(int(outcome.confidence * kReliabilityBins), 0, kReliabilityBins - 1);
        ++bins[std::size_t(b)].count;
        confidenceSum[std::size_t(b)] += outcome.confidence;
        correctSum[std::size_t(b)] += outcome.correct();
    }
    for (int b = 0; b < kReliabilityBins; ++b) {
        ReliabilityBin &bin = bins[std::size_t(b)];
        if (bin.count > 0) {
            bin.meanConfidence = confidenceSum[std::size_t(b)] / bin.count;
            bin.accuracy = correctSum[std::size_t(b)] / bin.count;
        }
    }
    return bins;
}

std::vector<ReliabilityBin> reliabilityBins(const Outcomes &outcomes) {
    std::vector<int> all(outcomes.size());
    std::iota(all.begin(), all.end(), 0);
    return reliabilityBins(outcomes, all);
}

std::optional<double> expectedCalibrationError(const std::vector<ReliabilityBin> &bins) {
    int total = 0;
    double gap = 0;
    for (const ReliabilityBin &bin : bins) {
        total += bin.count;
        gap += bin.count * std::abs(bin.accuracy - bin.meanConfidence);
    }
    if (total == 0)
        return std::nullopt;
    return gap / total;
}

} // namespace digitpad
