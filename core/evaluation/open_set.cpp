#include "open_set.h"

#include "error.h"

#include <QJsonArray>
#include <algorithm>
#include <cmath>

namespace digitpad {

namespace {
// Share of sorted `scores` at or above `threshold`.
double shareAtOrAbove(const std::vector<float> &sorted, double threshold) {
    const auto first = std::lower_bound(sorted.begin(), sorted.end(), float(threshold));
    return double(sorted.end() - first) / double(sorted.size());
}

OpenSetPoint pointAt(const std::vector<float> &digits, const std::vector<float> &nonDigits,
                     double threshold) {
    return {threshold, shareAtOrAbove(digits, threshold), shareAtOrAbove(nonDigits, threshold)};
}

// Mann-Whitney: over every (digit, non-digit) pair, how often the non-digit scores higher.
double separation(const std::vector<float> &digits, const std::vector<float> &nonDigits) {
    double wins = 0.0;
    for (const float score : nonDigits) {
        const auto below = std::lower_bound(digits.begin(), digits.end(), score) - digits.begin();
        const auto notAbove =
            std::upper_bound(digits.begin(), digits.end(), score) - digits.begin();
        wins += double(below) + 0.5 * double(notAbove - below);
    }
    return wins / (double(digits.size()) * double(nonDigits.size()));
}
} // namespace

OpenSetCurve openSetCurve(std::vector<float> digitScores, std::vector<float> nonDigitScores,
                          int maxPoints) {
    if (digitScores.empty() || nonDigitScores.empty())
        throw Error(QStringLiteral("an open-set curve needs digits and non-digits"));
    std::sort(digitScores.begin(), digitScores.end());
    std::sort(nonDigitScores.begin(), nonDigitScores.end());
    OpenSetCurve curve;
    curve.digits = int(digitScores.size());
    curve.nonDigits = int(nonDigitScores.size());
    curve.area = separation(digitScores, nonDigitScores);
    curve.atModelThreshold = pointAt(digitScores, nonDigitScores, 1.0);
    // Thresholds at the digits' own scores, the share of digits they reject spread evenly on a
    // log scale (what matters in use is the left end: a fraction of a percent of real digits),
    // from every digit down to one; a last point past the highest score rejects none.
    const int steps = std::max(2, maxPoints) - 1;
    const double fewest = 1.0 / double(digitScores.size());
    for (int i = 0; i < steps; ++i) {
        const double share = std::pow(fewest, double(i) / double(steps - 1));
        const auto at =
            std::min(digitScores.size() - 1,
                     std::size_t(std::lround((1.0 - share) * double(digitScores.size()))));
        const OpenSetPoint point = pointAt(digitScores, nonDigitScores, digitScores[at]);
        if (curve.points.empty() || point.digitsRejected < curve.points.back().digitsRejected)
            curve.points.push_back(point);
    }
    curve.points.push_back(
        pointAt(digitScores, nonDigitScores, std::nextafter(digitScores.back(), 1e30f)));
    return curve;
}

QJsonObject OpenSetCurve::toJson() const {
    QJsonArray curve;
    for (const OpenSetPoint &point : points)
        curve.append(QJsonArray{point.digitsRejected, point.nonDigitsRejected});
    return {{QStringLiteral("digits"), digits},
            {QStringLiteral("non_digits"), nonDigits},
            {QStringLiteral("area"), area},
            {QStringLiteral("digits_rejected"), atModelThreshold.digitsRejected},
            {QStringLiteral("non_digits_rejected"), atModelThreshold.nonDigitsRejected},
            {QStringLiteral("curve"), curve}};
}

} // namespace digitpad
