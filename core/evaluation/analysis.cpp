#include "analysis.h"

#include "evaluation.h"

#include <QJsonArray>
#include <algorithm>

namespace digitpad {

namespace {
QJsonValue optionalJson(const std::optional<double> &value) {
    return value ? QJsonValue(*value) : QJsonValue();
}

QJsonObject groupJson(const GroupMetrics &group) {
    QJsonObject metrics;
    for (int m = 0; m < kMetricCount; ++m) {
        const Estimate &estimate = group.metrics[std::size_t(m)];
        if (!estimate.value)
            continue; // absent = n/a
        metrics.insert(metricKey(Metric(m)),
                       QJsonObject{{QStringLiteral("value"), *estimate.value},
                                   {QStringLiteral("ci95_low"), optionalJson(estimate.low)},
                                   {QStringLiteral("ci95_high"), optionalJson(estimate.high)}});
    }
    return {{QStringLiteral("group"), group.name},
            {QStringLiteral("support"), group.support},
            {QStringLiteral("metrics"), metrics}};
}
} // namespace

const std::vector<Metric> &digitFairnessMetrics() {
    static const std::vector<Metric> metrics = {Metric::Recall,
                                                Metric::Precision,
                                                Metric::F1,
                                                Metric::FalsePositiveRate,
                                                Metric::FalseNegativeRate,
                                                Metric::MeanConfidence,
                                                Metric::CalibrationError};
    return metrics;
}

const std::vector<Metric> &sliceFairnessMetrics() {
    static const std::vector<Metric> metrics = {Metric::Accuracy, Metric::MeanConfidence,
                                                Metric::CalibrationError};
    return metrics;
}

Analysis analyse(const Classifier &model, const Dataset &dataset, const AnalysisOptions &options) {
    Analysis analysis;
    analysis.modelSummary = model.metadata().summary();
    analysis.datasetName = dataset.name;
    analysis.classCounts = dataset.classCounts();
    Evaluation evaluation = evaluate(model, dataset, options.progress);
    analysis.accuracy = evaluation.accuracy;
    analysis.loss = evaluation.loss;
    analysis.confusion = std::move(evaluation.confusion);
    analysis.outcomes.reserve(evaluation.predictions.size());
    for (std::size_t i = 0; i < evaluation.predictions.size(); ++i)
        analysis.outcomes.push_back({dataset.labels[i], evaluation.predictions[i].digit,
                                     evaluation.predictions[i].confidence});
    analysis.digits = digitGroups(analysis.outcomes, options.bootstrap);
    analysis.styles = measureStyles(dataset);
    analysis.slices = styleSlices(analysis.styles, options.styleBins);
    for (const StyleSlice &slice : analysis.slices)
        analysis.sliceMetrics.push_back(
            sliceGroup(analysis.outcomes, slice.members, slice.name(), options.bootstrap));
    for (const WriterGroup &writers : writerGroupsOf(dataset))
        analysis.writerGroups.push_back(
            sliceGroup(analysis.outcomes, writers.members, writers.name, options.bootstrap));
    analysis.reliability = reliabilityBins(analysis.outcomes);
    analysis.calibrationError = expectedCalibrationError(analysis.reliability);
    return analysis;
}

std::vector<int> Analysis::cellMembers(int trueDigit, int predictedDigit) const {
    std::vector<int> members;
    for (int index = 0; index < int(outcomes.size()); ++index)
        if (outcomes[std::size_t(index)].label == trueDigit &&
            outcomes[std::size_t(index)].predicted == predictedDigit)
            members.push_back(index);
    std::stable_sort(members.begin(), members.end(), [this](int a, int b) {
        return outcomes[std::size_t(a)].confidence > outcomes[std::size_t(b)].confidence;
    });
    return members;
}

std::vector<FairnessComparison> Analysis::fairness(double threshold) const {
    std::vector<FairnessComparison> comparisons;
    for (Metric metric : digitFairnessMetrics())
        if (auto comparison = compareGroups(digits, QStringLiteral("digit"), metric, threshold))
            comparisons.push_back(*comparison);
    for (int f = 0; f < kStyleFeatureCount; ++f) {
        std::vector<GroupMetrics> family;
        for (std::size_t i = 0; i < slices.size(); ++i)
            if (slices[i].feature == StyleFeature(f))
                family.push_back(sliceMetrics[i]);
        for (Metric metric : sliceFairnessMetrics())
            if (auto comparison =
                    compareGroups(family, styleFeatureName(StyleFeature(f)), metric, threshold))
                comparisons.push_back(*comparison);
    }
    for (Metric metric : sliceFairnessMetrics())
        if (auto comparison =
                compareGroups(writerGroups, QStringLiteral("writers"), metric, threshold))
            comparisons.push_back(*comparison);
    return comparisons;
}

const GroupMetrics *Analysis::worstSlice() const {
    const GroupMetrics *worst = nullptr;
    for (const GroupMetrics &slice : sliceMetrics)
        if (slice[Metric::Accuracy].value &&
            (!worst || *slice[Metric::Accuracy].value < *(*worst)[Metric::Accuracy].value))
            worst = &slice;
    return worst;
}

QJsonObject Analysis::toJson(double threshold) const {
    QJsonArray digitArray, sliceArray, writerArray, reliabilityArray, fairnessArray, counts;
    for (const GroupMetrics &group : writerGroups)
        writerArray.append(groupJson(group));
    for (const GroupMetrics &group : digits)
        digitArray.append(groupJson(group));
    for (std::size_t i = 0; i < slices.size(); ++i) {
        QJsonObject slice = groupJson(sliceMetrics[i]);
        slice.insert(QStringLiteral("feature"), styleFeatureKey(slices[i].feature));
        slice.insert(QStringLiteral("bin"), slices[i].bin + 1);
        slice.insert(QStringLiteral("last_bin"), slices[i].lastBin + 1);
        slice.insert(QStringLiteral("low"), slices[i].low);
        slice.insert(QStringLiteral("high"), slices[i].high);
        sliceArray.append(slice);
    }
    for (const ReliabilityBin &bin : reliability)
        reliabilityArray.append(QJsonObject{{QStringLiteral("low"), bin.low},
                                            {QStringLiteral("high"), bin.high},
                                            {QStringLiteral("count"), bin.count},
                                            {QStringLiteral("mean_confidence"), bin.meanConfidence},
                                            {QStringLiteral("accuracy"), bin.accuracy}});
    for (const FairnessComparison &comparison : fairness(threshold))
        fairnessArray.append(
            QJsonObject{{QStringLiteral("metric"), metricKey(comparison.metric)},
                        {QStringLiteral("groups"), comparison.family},
                        {QStringLiteral("best"), comparison.best},
                        {QStringLiteral("best_value"), comparison.bestValue},
                        {QStringLiteral("worst"), comparison.worst},
                        {QStringLiteral("worst_value"), comparison.worstValue},
                        {QStringLiteral("difference"), comparison.difference},
                        {QStringLiteral("ratio"), comparison.ratio},
                        {QStringLiteral("within_threshold"), comparison.withinThreshold},
                        {QStringLiteral("verdict"), comparison.verdict}});
    for (int count : classCounts)
        counts.append(count);
    QJsonObject json = confusion.toJson();
    json.insert(QStringLiteral("model"), modelSummary);
    json.insert(QStringLiteral("dataset"), datasetName);
    json.insert(QStringLiteral("samples"), int(outcomes.size()));
    json.insert(QStringLiteral("accuracy"), accuracy);
    json.insert(QStringLiteral("loss"), loss);
    json.insert(QStringLiteral("expected_calibration_error"), optionalJson(calibrationError));
    json.insert(QStringLiteral("class_counts"), counts);
    if (trainingClassCounts) {
        QJsonArray training;
        for (int count : *trainingClassCounts)
            training.append(count);
        json.insert(QStringLiteral("training_class_counts"), training);
    }
    json.insert(QStringLiteral("per_digit"), digitArray);
    json.insert(QStringLiteral("style_slices"), sliceArray);
    if (!writerGroups.empty())
        json.insert(QStringLiteral("writer_groups"), writerArray);
    json.insert(QStringLiteral("reliability"), reliabilityArray);
    json.insert(QStringLiteral("fairness_threshold"), threshold);
    json.insert(QStringLiteral("fairness"), fairnessArray);
    return json;
}

} // namespace digitpad
