#pragma once

#include "classifier.h"
#include "dataset.h"

#include <QPointF>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <functional>
#include <vector>

namespace digitpad {

// The network's penultimate features (its last hidden layer, where it separates the digits)
// for many digits, with their labels and the model's readings.
struct FeatureTable {
    int count = 0;
    int dimensions = 0;
    std::vector<float> values;           // count * dimensions, row-major
    std::vector<std::uint8_t> labels;    // true digit of each row
    std::vector<std::uint8_t> predicted; // the model's digit for each row

    const float *row(int index) const {
        return values.data() + std::size_t(index) * std::size_t(dimensions);
    }
};

// Called with (done, total) between chunks; returning false stops the work (Error "stopped").
using FeatureProgress = std::function<bool(int done, int total)>;

// Features of every digit of `data`, in chunks. Throws digitpad::Error when stopped.
FeatureTable computeFeatures(const Classifier &model, const Dataset &data,
                             const FeatureProgress &progress = {});
// One input's features (what the look-alikes and the map place the drawing by).
std::vector<float> featuresOf(const Classifier &model, const ModelInput &input);

// The k digits of a table nearest to a point of its feature space (Euclidean), nearest first.
struct LookAlike {
    int index = 0; // row of the table (and of the data set it was computed from)
    int label = 0;
    float distance = 0;
};
std::vector<LookAlike> nearestDigits(const FeatureTable &table, const std::vector<float> &features,
                                     int k);

// A 2-D map of a feature table by principal component analysis (the two directions of most
// variance): one point per row, and the projection to place any other features on it.
struct FeatureMap {
    std::vector<QPointF> points;  // one per table row
    std::vector<float> mean;      // dimensions
    std::vector<float> axes;      // 2 * dimensions: first axis, then second
    double explainedVariance = 0; // share of the total variance the two axes keep, 0..1

    QPointF project(const std::vector<float> &features) const;
};
FeatureMap principalMap(const FeatureTable &table);

// Cached per model: the table of a data set is kept in `cacheFolder` under the model file's
// content hash and the data set's fingerprint, so that it is computed once. A cache file that is
// damaged or of other digits is computed again; one that cannot be written is skipped with a
// warning (the computed table is still returned). Throws digitpad::Error when stopped.
FeatureTable cachedFeatures(const Classifier &model, const QString &modelPath, const Dataset &data,
                            const QString &cacheFolder, const FeatureProgress &progress = {});

// For a notebook: NumPy .npy files, `<stem>-features.npy` (float32 [count, dimensions]) and
// `<stem>-labels.npy` (uint8 [count], true digits), written atomically. Returns the two paths.
QStringList exportFeatures(const FeatureTable &table, const QString &stem);

} // namespace digitpad
