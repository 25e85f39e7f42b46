#include "feature_space.h"

#include "feature_table_check.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>

namespace digitpad {

namespace {

// The one projection both the map's points and project() use, so that a row of the table lands
// exactly on its own point. Sums in double: 128 products of similar size lose little, but the
// points must not depend on the order of the terms.
QPointF projectRow(const float *features, const FeatureMap &map) {
    const std::size_t dimensions = map.mean.size();
    double x = 0;
    double y = 0;
    for (std::size_t d = 0; d < dimensions; ++d) {
        const double centred = double(features[d]) - double(map.mean[d]);
        x += centred * double(map.axes[d]);
        y += centred * double(map.axes[dimensions + d]);
    }
    return {x, y};
}

// An eigenvector's sign is arbitrary and may differ between runs or LAPACK builds; pointing its
// largest component the positive way keeps the map from flipping.
torch::Tensor withDeterministicSign(const torch::Tensor &axis) {
    const auto largest = axis.abs().argmax().item<int64_t>();
    return axis[largest].item<double>() < 0 ? -axis : axis;
}

std::vector<float> floatsOf(const torch::Tensor &tensor) {
    const torch::Tensor values = tensor.to(torch::kFloat32).contiguous();
    const float *data = values.data_ptr<float>();
    return {data, data + values.numel()};
}

} // namespace

QPointF FeatureMap::project(const std::vector<float> &features) const {
    if (features.size() != mean.size() || axes.size() != 2 * mean.size())
        throw Error(QStringLiteral("features of %1 dimensions cannot be placed on a map of %2")
                        .arg(features.size())
                        .arg(mean.size()));
    return projectRow(features.data(), *this);
}

FeatureMap principalMap(const FeatureTable &table) {
    requireConsistent(table);
    const int64_t dimensions = table.dimensions;
    FeatureMap map;
    map.mean.assign(std::size_t(dimensions), 0.0f);
    map.axes.assign(std::size_t(2 * dimensions), 0.0f);
    if (table.count == 0 || dimensions == 0)
        return map;

    torch::NoGradGuard noGrad;
    const torch::Tensor features = torch::from_blob(const_cast<float *>(table.values.data()),
                                                    {table.count, dimensions}, torch::kFloat32)
                                       .to(torch::kFloat64);
    const torch::Tensor mean = features.mean(0);
    const torch::Tensor centred = features - mean;
    // DxD, whatever the number of rows: the eigen-decomposition stays cheap.
    const torch::Tensor covariance = centred.t().mm(centred) / double(table.count);
    const auto [eigenvalues, eigenvectors] = torch::linalg::eigh(covariance, "L");
    // Ascending order: the last two columns are the directions of most variance.
    const int64_t axisCount = std::min<int64_t>(2, dimensions);
    double kept = 0;
    for (int64_t i = 0; i < axisCount; ++i) {
        const int64_t column = dimensions - 1 - i;
        const std::vector<float> axis =
            floatsOf(withDeterministicSign(eigenvectors.select(1, column)));
        std::copy(axis.begin(), axis.end(), map.axes.begin() + i * dimensions);
        kept += std::max(0.0, eigenvalues[column].item<double>());
    }
    const double total = covariance.trace().item<double>();
    map.explainedVariance = total > 0 ? std::clamp(kept / total, 0.0, 1.0) : 0.0;
    map.mean = floatsOf(mean);

    map.points.reserve(std::size_t(table.count));
    for (int row = 0; row < table.count; ++row)
        map.points.push_back(projectRow(table.row(row), map));
    return map;
}

} // namespace digitpad
