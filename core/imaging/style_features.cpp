#include "style_features.h"

#include "stroke_width.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace digitpad {

namespace {
// One row per StyleFeature, in the enum's order.
struct FeatureInfo {
    const char *name;
    const char *key;
    const char *unit;
};
constexpr FeatureInfo kFeatureInfo[kStyleFeatureCount] = {
    {"stroke thickness", "thickness", "px"},
    {"slant", "slant", "degrees"},
    {"width", "width", "px"},
    {"height", "height", "px"},
    {"aspect (width/height)", "aspect", ""},
    {"amount of ink", "ink", "px of ink"},
};
} // namespace

QString styleFeatureName(StyleFeature feature) {
    return QString::fromLatin1(kFeatureInfo[int(feature)].name);
}
QString styleFeatureKey(StyleFeature feature) {
    return QString::fromLatin1(kFeatureInfo[int(feature)].key);
}
QString styleFeatureUnit(StyleFeature feature) {
    return QString::fromLatin1(kFeatureInfo[int(feature)].unit);
}

StyleFeatures measureStyle(const std::uint8_t *pixels) {
    constexpr int side = kImageSide;
    constexpr int inkLevel = 128; // a pixel belongs to the stroke from half intensity
    const auto inked = [&](int x, int y) {
        return x >= 0 && y >= 0 && x < side && y < side && pixels[y * side + x] >= inkLevel;
    };
    double mass = 0, sumX = 0, sumY = 0;
    int area = 0;
    int left = side, right = -1, top = side, bottom = -1;
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x) {
            const double value = pixels[y * side + x] / 255.0;
            mass += value;
            sumX += value * x;
            sumY += value * y;
            if (!inked(x, y))
                continue;
            ++area;
            left = std::min(left, x);
            right = std::max(right, x);
            top = std::min(top, y);
            bottom = std::max(bottom, y);
        }
    StyleFeatures features;
    auto &v = features.values;
    v[std::size_t(StyleFeature::Ink)] = mass;
    if (area == 0 || mass <= 0)
        return features;
    v[std::size_t(StyleFeature::Thickness)] = strokeWidth(pixels, side, side);
    v[std::size_t(StyleFeature::Width)] = right - left + 1;
    v[std::size_t(StyleFeature::Height)] = bottom - top + 1;
    v[std::size_t(StyleFeature::Aspect)] = double(right - left + 1) / double(bottom - top + 1);
    // Shear of the ink: how far x moves per row down. Rows grow downwards, so a digit leaning
    // right has x falling as y grows (negative covariance).
    const double meanX = sumX / mass, meanY = sumY / mass;
    double covariance = 0, varianceY = 0;
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x) {
            const double value = pixels[y * side + x] / 255.0;
            covariance += value * (x - meanX) * (y - meanY);
            varianceY += value * (y - meanY) * (y - meanY);
        }
    if (varianceY > 0)
        v[std::size_t(StyleFeature::Slant)] = std::atan(-covariance / varianceY) * 180.0 / M_PI;
    return features;
}

std::vector<StyleFeatures> measureStyles(const Dataset &dataset) {
    std::vector<StyleFeatures> styles;
    styles.reserve(std::size_t(dataset.size()));
    for (int index = 0; index < dataset.size(); ++index)
        styles.push_back(measureStyle(dataset.image(index)));
    return styles;
}

QString StyleSlice::quantiles() const {
    return lastBin > bin ? QStringLiteral("Q%1-Q%2").arg(bin + 1).arg(lastBin + 1)
                         : QStringLiteral("Q%1").arg(bin + 1);
}

QString StyleSlice::name() const {
    const QString unit = styleFeatureUnit(feature);
    const int decimals =
        feature == StyleFeature::Aspect || feature == StyleFeature::Thickness ? 2 : 0;
    const QString range =
        low == high
            ? QString::number(low, 'f', decimals)
            : QStringLiteral("%1 to %2").arg(low, 0, 'f', decimals).arg(high, 0, 'f', decimals);
    return QStringLiteral("%1 %2 (%3%4)")
        .arg(styleFeatureName(feature), quantiles(), range,
             unit.isEmpty() ? QString() : QLatin1Char(' ') + unit);
}

namespace {
// One feature's slices, lowest values first, appended to `slices`.
void appendSlicesOf(StyleFeature feature, const std::vector<StyleFeatures> &styles, int bins,
                    std::vector<StyleSlice> &slices) {
    std::vector<int> order(styles.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return styles[std::size_t(a)][feature] < styles[std::size_t(b)][feature];
    });
    const auto valueAt = [&](std::size_t i) { return styles[std::size_t(order[i])][feature]; };
    const auto startOf = [&](int bin) {
        return order.size() * std::size_t(bin) / std::size_t(bins);
    };
    // The quantile bin of the i-th smallest value.
    const auto binOf = [&](std::size_t i) {
        int bin = 0;
        while (bin + 1 < bins && startOf(bin + 1) <= i)
            ++bin;
        return bin;
    };
    for (std::size_t first = 0; first < order.size();) {
        const int bin = binOf(first);
        std::size_t last = startOf(bin + 1);
        // Ties stay together: the slice ends before their run or after it, whichever is
        // nearer its even share.
        if (last < order.size() && valueAt(last) == valueAt(last - 1)) {
            std::size_t before = last, after = last;
            while (before > first && valueAt(before - 1) == valueAt(last))
                --before;
            while (after < order.size() && valueAt(after) == valueAt(last))
                ++after;
            last = before > first && last - before <= after - last ? before : after;
        }
        StyleSlice slice{feature,           bin, bins,           valueAt(first),
                         valueAt(last - 1), {},  binOf(last - 1)};
        slice.members.assign(order.begin() + std::ptrdiff_t(first),
                             order.begin() + std::ptrdiff_t(last));
        std::sort(slice.members.begin(), slice.members.end());
        slices.push_back(std::move(slice));
        first = last;
    }
}
} // namespace

std::vector<StyleSlice> styleSlices(const std::vector<StyleFeatures> &styles, int bins) {
    std::vector<StyleSlice> slices;
    if (styles.empty() || bins < 1)
        return slices;
    for (int f = 0; f < kStyleFeatureCount; ++f)
        appendSlicesOf(StyleFeature(f), styles, bins, slices);
    return slices;
}

std::vector<double> styleBalancingWeights(const std::vector<StyleFeatures> &styles, double cap) {
    constexpr int bins = 4;
    std::vector<int> cell(styles.size(), 0);
    for (const StyleSlice &slice : styleSlices(styles, bins)) {
        const int factor = slice.feature == StyleFeature::Thickness ? 1
                           : slice.feature == StyleFeature::Slant   ? bins
                                                                    : 0;
        for (int member : slice.members)
            cell[std::size_t(member)] += factor * slice.bin;
    }
    std::vector<int> cellSize(std::size_t(bins) * std::size_t(bins), 0);
    for (int c : cell)
        ++cellSize[std::size_t(c)];
    const int occupied =
        int(std::count_if(cellSize.begin(), cellSize.end(), [](int size) { return size > 0; }));
    const double averageCell = double(styles.size()) / std::max(1, occupied);
    std::vector<double> weights(styles.size());
    double sum = 0;
    for (std::size_t i = 0; i < styles.size(); ++i) {
        weights[i] = std::min(cap, averageCell / cellSize[std::size_t(cell[i])]);
        sum += weights[i];
    }
    for (double &weight : weights)
        weight *= double(styles.size()) / sum;
    return weights;
}

} // namespace digitpad
