#pragma once

#include "calibration.h"
#include "classifier.h"
#include "confusion_matrix.h"
#include "dataset.h"
#include "fairness.h"
#include "group_metrics.h"
#include "mnist.h"
#include "sample_outcome.h"
#include "style_features.h"

#include <QJsonObject>
#include <array>
#include <functional>
#include <vector>

namespace digitpad {

// Everything the Analysis tab and `eval --report` show about one model on one data set.
struct Analysis {
    QString modelSummary;
    QString datasetName;
    double accuracy = 0;
    double loss = 0;
    ConfusionMatrix confusion;
    Outcomes outcomes;                      // per sample, in data set order
    std::vector<GroupMetrics> digits;       // 0..9
    std::vector<StyleFeatures> styles;      // per sample
    std::vector<StyleSlice> slices;         // quantile bins of each style feature
    std::vector<GroupMetrics> sliceMetrics; // parallel to slices
    // The writer populations of the data set, when known (the official MNIST test set's two
    // halves, writerGroupsOf()); empty otherwise.
    std::vector<GroupMetrics> writerGroups;
    std::vector<ReliabilityBin> reliability;
    std::optional<double> calibrationError;
    std::array<int, kClassCount> classCounts{};
    // Of the data the model was trained on, when the caller could rebuild it (splitsOf());
    // analyse() leaves it empty.
    std::optional<std::array<int, kClassCount>> trainingClassCounts;

    // The samples of one confusion-matrix cell, most confident first.
    std::vector<int> cellMembers(int trueDigit, int predictedDigit) const;
    // Per metric: the digits compared, then each style feature's slices, then the writers.
    std::vector<FairnessComparison> fairness(double threshold) const;
    // The worst style slice by accuracy.
    const GroupMetrics *worstSlice() const;
    QJsonObject toJson(double threshold) const;
};

struct AnalysisOptions {
    BootstrapOptions bootstrap;
    int styleBins = 4;
    // Called with (done, total) while the model reads the samples; may be empty.
    std::function<void(int, int)> progress;
};

// Throws digitpad::Error for an empty data set.
Analysis analyse(const Classifier &model, const Dataset &dataset,
                 const AnalysisOptions &options = {});

// The metrics compared across digits in the fairness summary, and across style slices.
const std::vector<Metric> &digitFairnessMetrics();
const std::vector<Metric> &sliceFairnessMetrics();

} // namespace digitpad
