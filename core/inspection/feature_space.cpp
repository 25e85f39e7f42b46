#include "feature_space.h"

#include "feature_table_check.h"
#include "network_reading.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>

namespace digitpad {

namespace {

// A large chunk's first feature maps are fresh memory from the system each time, and the page
// faults cost more than the arithmetic (a chunk of 1,024 digits took twice as long as 128 on
// the cnn); a small chunk also answers a stop request within a fraction of a second.
constexpr int kChunk = 128;

int featureDimensions(const Classifier::Impl &impl) {
    const ModelInput blank{};
    return int(impl.net->features(networkInput(impl, blank)).size(1));
}

float squaredDistance(const float *a, const float *b, int dimensions) {
    // Eight independent sums instead of one running sum: the compiler keeps them in vector
    // registers, where a single sum is one long chain of dependent additions (half the speed).
    constexpr int kLanes = 8;
    std::array<float, kLanes> partial{};
    int i = 0;
    for (; i + kLanes <= dimensions; i += kLanes)
        for (int lane = 0; lane < kLanes; ++lane) {
            const float difference = a[i + lane] - b[i + lane];
            partial[std::size_t(lane)] += difference * difference;
        }
    float sum = std::accumulate(partial.begin(), partial.end(), 0.0f);
    for (; i < dimensions; ++i)
        sum += (a[i] - b[i]) * (a[i] - b[i]);
    return sum;
}

} // namespace

FeatureTable computeFeatures(const Classifier &model, const Dataset &data,
                             const FeatureProgress &progress) {
    const Classifier::Impl &impl = readableNetwork(model);
    if (data.pixels.size() != std::size_t(data.size()) * kImagePixels)
        throw Error(QStringLiteral("%1: %2 labels but %3 pixels")
                        .arg(data.name)
                        .arg(data.size())
                        .arg(data.pixels.size()));
    torch::NoGradGuard noGrad;
    FeatureTable table;
    table.count = data.size();
    table.labels = data.labels;
    table.predicted.reserve(std::size_t(table.count));
    table.dimensions = featureDimensions(impl);
    table.values.reserve(std::size_t(table.count) * std::size_t(table.dimensions));
    for (int start = 0; start < table.count; start += kChunk) {
        const int size = std::min(kChunk, table.count - start);
        const torch::Tensor ink = inkTensorFromBytes(data.image(start), size).to(impl.device);
        const torch::Tensor features = impl.net->features(impl.normalise(ink));
        // The digit read is the best of the ten digits, even when "not a digit" would win: the
        // map colours digits by the digit the model sees in them.
        const torch::Tensor digits =
            impl.net->classify(features).slice(1, 0, kClassCount).argmax(1).to(torch::kUInt8);
        const std::vector<float> values = valuesOf(features);
        table.values.insert(table.values.end(), values.begin(), values.end());
        const torch::Tensor readings = digits.to(torch::kCPU).contiguous();
        const auto *read = readings.data_ptr<std::uint8_t>();
        table.predicted.insert(table.predicted.end(), read, read + size);
        if (progress && !progress(start + size, table.count))
            throw Error(QStringLiteral("stopped"));
    }
    return table;
}

std::vector<float> featuresOf(const Classifier &model, const ModelInput &input) {
    const Classifier::Impl &impl = readableNetwork(model);
    torch::NoGradGuard noGrad;
    return valuesOf(impl.net->features(networkInput(impl, input)));
}

std::vector<LookAlike> nearestDigits(const FeatureTable &table, const std::vector<float> &features,
                                     int k) {
    requireConsistent(table);
    if (features.size() != std::size_t(table.dimensions))
        throw Error(QStringLiteral("features of %1 dimensions cannot be compared with a table "
                                   "of %2")
                        .arg(features.size())
                        .arg(table.dimensions));
    k = std::clamp(k, 0, table.count);
    std::vector<float> squared(std::size_t(table.count));
    for (int row = 0; row < table.count; ++row) {
        const float distance = squaredDistance(table.row(row), features.data(), table.dimensions);
        // A NaN would break the ordering the sort relies on; such a row is simply never near.
        squared[std::size_t(row)] =
            std::isnan(distance) ? std::numeric_limits<float>::infinity() : distance;
    }
    std::vector<int> order(squared.size());
    std::iota(order.begin(), order.end(), 0);
    std::partial_sort(order.begin(), order.begin() + k, order.end(), [&squared](int a, int b) {
        const float da = squared[std::size_t(a)];
        const float db = squared[std::size_t(b)];
        return da < db || (da == db && a < b);
    });
    std::vector<LookAlike> nearest;
    nearest.reserve(std::size_t(k));
    for (int i = 0; i < k; ++i) {
        const int row = order[std::size_t(i)];
        nearest.push_back(
            {row, int(table.labels[std::size_t(row)]), std::sqrt(squared[std::size_t(row)])});
    }
    return nearest;
}

} // namespace digitpad
