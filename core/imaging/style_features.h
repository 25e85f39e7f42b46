#pragma once

#include "dataset.h"

#include <QString>
#include <array>
#include <cstdint>
#include <vector>

namespace digitpad {

// How a digit is written, measured from its 28x28 pixels (after MNIST normalisation, so
// "size" is what is left of it once the longer side is scaled to 20 px).
enum class StyleFeature { Thickness, Slant, Width, Height, Aspect, Ink };
constexpr int kStyleFeatureCount = 6;
QString styleFeatureName(StyleFeature feature); // "stroke thickness", ...
QString styleFeatureKey(StyleFeature feature);  // "thickness", ...
QString styleFeatureUnit(StyleFeature feature); // "px", "degrees", ...

struct StyleFeatures {
    std::array<double, kStyleFeatureCount> values{};
    double operator[](StyleFeature feature) const { return values[std::size_t(feature)]; }
};

// thickness: strokeWidth() (stroke_width.h), the measure preprocessing uses too; slant: degrees the
// digit leans right (negative: left),
//            from the second moments of its ink; width, height: bounding box; aspect: width over
//            height; ink: total ink in pixel units.
StyleFeatures measureStyle(const std::uint8_t *pixels);
std::vector<StyleFeatures> measureStyles(const Dataset &dataset);

// One quantile bin of one feature: the samples from `low` up to `high`.
struct StyleSlice {
    StyleFeature feature;
    int bin = 0; // 0 = lowest values
    int bins = 4;
    double low = 0, high = 0;
    std::vector<int> members;  // sample indices
    int lastBin = 0;           // the last quantile bin it covers: more than one where values tie
    QString quantiles() const; // "Q1", "Q2-Q4"
    QString name() const;      // "stroke thickness Q1 (1.20 to 2.00 px)", "height Q2-Q4 (20 px)"
};

// Every feature cut at its quantiles into `bins` slices of (about) equal size. Equal values stay
// in one slice, so a value most samples share (MNIST's digits are 20 px tall) makes one slice of
// several quantile bins rather than several slices that read the same.
std::vector<StyleSlice> styleSlices(const std::vector<StyleFeatures> &styles, int bins = 4);

// Per-sample weights (mean 1) that make every cell of stroke thickness quartile x slant quartile
// equally likely when sampling with them: the inverse of the cell's size, at most `cap` times the
// weight of a sample in an average cell.
std::vector<double> styleBalancingWeights(const std::vector<StyleFeatures> &styles,
                                          double cap = 10.0);

} // namespace digitpad
