#include "group_metrics.h"

#include "calibration.h"
#include "dataset.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace digitpad {

namespace {
// One row per Metric, in the enum's order.
struct MetricInfo {
    const char *name;
    const char *key;
    bool higherIsBetter;
};
constexpr MetricInfo kMetricInfo[kMetricCount] = {
    {"accuracy", "accuracy", true},
    {"recall", "recall", true},
    {"precision", "precision", true},
    {"F1", "f1", true},
    {"false positive rate", "false_positive_rate", false},
    {"false negative rate", "false_negative_rate", false},
    {"mean confidence", "mean_confidence", true},
    {"calibration error (ECE)", "expected_calibration_error", false},
};
} // namespace

QString metricName(Metric metric) {
    return QString::fromLatin1(kMetricInfo[int(metric)].name);
}
QString metricKey(Metric metric) {
    return QString::fromLatin1(kMetricInfo[int(metric)].key);
}
bool higherIsBetter(Metric metric) {
    return kMetricInfo[int(metric)].higherIsBetter;
}

namespace {
std::optional<double> ratio(double numerator, double denominator) {
    if (denominator <= 0)
        return std::nullopt;
    return numerator / denominator;
}

void set(MetricValues &values, Metric metric, std::optional<double> value) {
    values[std::size_t(metric)] = value;
}

void addConfidenceMetrics(MetricValues &values, const Outcomes &outcomes,
                          const std::vector<int> &members) {
    if (members.empty())
        return;
    double confidence = 0;
    for (int index : members)
        confidence += outcomes[std::size_t(index)].confidence;
    set(values, Metric::MeanConfidence, confidence / double(members.size()));
    set(values, Metric::CalibrationError,
        expectedCalibrationError(reliabilityBins(outcomes, members)));
}

// 2.5th and 97.5th percentiles of the replicates that are defined.
Estimate interval(std::optional<double> point, std::vector<double> replicates) {
    Estimate estimate{point, std::nullopt, std::nullopt};
    if (!point || replicates.empty())
        return estimate;
    std::sort(replicates.begin(), replicates.end());
    const auto at = [&](double q) {
        return replicates[std::size_t(std::lround(q * double(replicates.size() - 1)))];
    };
    estimate.low = at(0.025);
    estimate.high = at(0.975);
    return estimate;
}

// Percentile bootstrap: resample the samples with replacement, recompute every group's metrics.
std::vector<MetricEstimates>
bootstrap(const std::vector<int> &population, int groups,
          const std::function<std::vector<MetricValues>(const std::vector<int> &)> &compute,
          const BootstrapOptions &options) {
    const std::vector<MetricValues> points = compute(population);
    std::vector<std::array<std::vector<double>, kMetricCount>> replicates(
        static_cast<std::size_t>(groups));
    std::mt19937_64 random(options.seed);
    std::uniform_int_distribution<std::size_t> pick(0,
                                                    population.empty() ? 0 : population.size() - 1);
    std::vector<int> resample(population.size());
    for (int round = 0; round < options.rounds && !population.empty(); ++round) {
        for (int &index : resample)
            index = population[pick(random)];
        const std::vector<MetricValues> values = compute(resample);
        for (int g = 0; g < groups; ++g)
            for (int m = 0; m < kMetricCount; ++m)
                if (const auto value = values[std::size_t(g)][std::size_t(m)])
                    replicates[std::size_t(g)][std::size_t(m)].push_back(*value);
    }
    std::vector<MetricEstimates> estimates(static_cast<std::size_t>(groups));
    for (int g = 0; g < groups; ++g)
        for (int m = 0; m < kMetricCount; ++m)
            estimates[std::size_t(g)][std::size_t(m)] = interval(
                points[std::size_t(g)][std::size_t(m)], replicates[std::size_t(g)][std::size_t(m)]);
    return estimates;
}

std::vector<int> allIndices(const Outcomes &outcomes) {
    std::vector<int> indices(outcomes.size());
    std::iota(indices.begin(), indices.end(), 0);
    return indices;
}
} // namespace

MetricValues digitPointMetrics(const Outcomes &outcomes, const std::vector<int> &sample,
                               int digit) {
    int truePositives = 0, support = 0, predicted = 0;
    std::vector<int> members;
    for (int index : sample) {
        const SampleOutcome &outcome = outcomes[std::size_t(index)];
        support += outcome.label == digit;
        predicted += outcome.predicted == digit;
        truePositives += outcome.label == digit && outcome.predicted == digit;
        if (outcome.label == digit)
            members.push_back(index);
    }
    const int falsePositives = predicted - truePositives;
    const int falseNegatives = support - truePositives;
    const int negatives = int(sample.size()) - support;
    MetricValues values;
    const auto recall = ratio(truePositives, support);
    const auto precision = ratio(truePositives, predicted);
    set(values, Metric::Accuracy, recall);
    set(values, Metric::Recall, recall);
    set(values, Metric::Precision, precision);
    if (recall && precision)
        set(values, Metric::F1,
            *recall + *precision > 0 ? 2 * *recall * *precision / (*recall + *precision) : 0.0);
    set(values, Metric::FalsePositiveRate, ratio(falsePositives, negatives));
    set(values, Metric::FalseNegativeRate, ratio(falseNegatives, support));
    addConfidenceMetrics(values, outcomes, members);
    return values;
}

std::vector<GroupMetrics> digitGroups(const Outcomes &outcomes, const BootstrapOptions &options) {
    const auto compute = [&outcomes](const std::vector<int> &sample) {
        std::vector<MetricValues> values;
        values.reserve(kClassCount);
        for (int digit = 0; digit < kClassCount; ++digit)
            values.push_back(digitPointMetrics(outcomes, sample, digit));
        return values;
    };
    const std::vector<MetricEstimates> estimates =
        bootstrap(allIndices(outcomes), kClassCount, compute, options);
    std::vector<GroupMetrics> groups;
    for (int digit = 0; digit < kClassCount; ++digit) {
        GroupMetrics group{QString::number(digit), 0, estimates[std::size_t(digit)]};
        for (const SampleOutcome &outcome : outcomes)
            group.support += outcome.label == digit;
        groups.push_back(group);
    }
    return groups;
}

MetricValues slicePointMetrics(const Outcomes &outcomes, const std::vector<int> &members) {
    MetricValues values;
    if (members.empty())
        return values;
    int correct = 0;
    for (int index : members)
        correct += outcomes[std::size_t(index)].correct();
    const double accuracy = double(correct) / double(members.size());
    set(values, Metric::Accuracy, accuracy);
    set(values, Metric::Recall, accuracy);
    set(values, Metric::FalseNegativeRate, 1.0 - accuracy);
    addConfidenceMetrics(values, outcomes, members);
    return values;
}

GroupMetrics sliceGroup(const Outcomes &outcomes, const std::vector<int> &members,
                        const QString &name, const BootstrapOptions &options) {
    const auto compute = [&outcomes](const std::vector<int> &sample) {
        return std::vector<MetricValues>{slicePointMetrics(outcomes, sample)};
    };
    return {name, int(members.size()), bootstrap(members, 1, compute, options).front()};
}

} // namespace digitpad
