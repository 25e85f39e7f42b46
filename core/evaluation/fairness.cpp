#include "fairness.h"

#include <algorithm>
#include <cmath>

namespace digitpad {

namespace {
QString percent(double value) {
    return QStringLiteral("%1%").arg(value * 100, 0, 'f', 1);
}
QString points(double value) {
    return QStringLiteral("%1 points").arg(value * 100, 0, 'f', 1);
}
} // namespace

std::optional<FairnessComparison> compareGroups(const std::vector<GroupMetrics> &groups,
                                                const QString &family, Metric metric,
                                                double threshold) {
    const GroupMetrics *best = nullptr;
    const GroupMetrics *worst = nullptr;
    const bool higher = higherIsBetter(metric);
    const auto better = [higher](double a, double b) { return higher ? a > b : a < b; };
    int defined = 0;
    for (const GroupMetrics &group : groups) {
        const auto value = group[metric].value;
        if (!value)
            continue;
        ++defined;
        if (!best || better(*value, *(*best)[metric].value))
            best = &group;
        if (!worst || better(*(*worst)[metric].value, *value))
            worst = &group;
    }
    if (defined < 2)
        return std::nullopt;
    FairnessComparison comparison;
    comparison.metric = metric;
    comparison.family = family;
    comparison.best = best->name;
    comparison.worst = worst->name;
    comparison.bestValue = *(*best)[metric].value;
    comparison.worstValue = *(*worst)[metric].value;
    comparison.difference = std::abs(comparison.bestValue - comparison.worstValue);
    const double larger = std::max(comparison.bestValue, comparison.worstValue);
    comparison.ratio =
        larger > 0 ? std::min(comparison.bestValue, comparison.worstValue) / larger : 0.0;
    comparison.withinThreshold = comparison.difference <= threshold + 1e-12;
    const bool digits = family == QStringLiteral("digit");
    const QString groupWord = digits ? QStringLiteral("digit ") : QString();
    const QString across = digits ? QStringLiteral("digits") : family + QStringLiteral(" slices");
    comparison.verdict =
        comparison.withinThreshold
            ? QStringLiteral("%1 across %2 is within %3 (gap %4): no group stands out")
                  .arg(metricName(metric), across, points(threshold), points(comparison.difference))
            : QStringLiteral(
                  "The model serves %1%2 worse than %1%3 on %4: %5 against %6, a gap of %7 "
                  "(over the %8 threshold)")
                  .arg(groupWord, comparison.worst, comparison.best, metricName(metric),
                       percent(comparison.worstValue), percent(comparison.bestValue),
                       points(comparison.difference), points(threshold));
    return comparison;
}

} // namespace digitpad
