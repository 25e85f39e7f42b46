#pragma once

#include "sample_outcome.h"

#include <QString>
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace digitpad {

enum class Metric {
    Accuracy,
    Recall,
    Precision,
    F1,
    FalsePositiveRate,
    FalseNegativeRate,
    MeanConfidence,
    CalibrationError
};
constexpr int kMetricCount = 8;
QString metricName(Metric metric);  // "recall", "false positive rate", ...
QString metricKey(Metric metric);   // "recall", "false_positive_rate": JSON and CSV
bool higherIsBetter(Metric metric); // false for the error rates and the calibration error

// A metric's value with its 95% bootstrap interval. Empty where it is undefined: a digit with
// no support has no recall, a digit never predicted has no precision (shown as "n/a").
struct Estimate {
    std::optional<double> value;
    std::optional<double> low;
    std::optional<double> high;
};

using MetricValues = std::array<std::optional<double>, kMetricCount>;
using MetricEstimates = std::array<Estimate, kMetricCount>;

// A set of samples the model should serve equally well: a digit or a handwriting-style slice.
struct GroupMetrics {
    QString name;
    int support = 0;
    MetricEstimates metrics;
    const Estimate &operator[](Metric metric) const { return metrics[std::size_t(metric)]; }
};

struct BootstrapOptions {
    int rounds = 200; // 0: point estimates only
    std::uint64_t seed = 1;
};

// The ten digits as groups. Recall, precision, F1, FPR and FNR are one-vs-rest over all the
// samples; accuracy (= recall), mean confidence and calibration error over the digit's samples.
MetricValues digitPointMetrics(const Outcomes &outcomes, const std::vector<int> &sample, int digit);
std::vector<GroupMetrics> digitGroups(const Outcomes &outcomes,
                                      const BootstrapOptions &bootstrap = {});

// A slice of the samples (given by index): accuracy, mean confidence and calibration error.
MetricValues slicePointMetrics(const Outcomes &outcomes, const std::vector<int> &members);
GroupMetrics sliceGroup(const Outcomes &outcomes, const std::vector<int> &members,
                        const QString &name, const BootstrapOptions &bootstrap = {});

} // namespace digitpad
