#pragma once

#include "group_metrics.h"

#include <QString>
#include <vector>

namespace digitpad {

// In the spirit of Fairlearn's MetricFrame (group_min/group_max, difference, ratio): for one
// metric over a family of groups, who is served best and worst and how far apart they are.
struct FairnessComparison {
    Metric metric = Metric::Recall;
    QString family; // "digit", "stroke thickness", ...
    QString best, worst;
    double bestValue = 0, worstValue = 0;
    double difference = 0; // |best - worst|
    double ratio = 0;      // smaller over larger value (1 = parity); 0 when the larger is 0
    bool withinThreshold = true;
    QString verdict; // one plain sentence
};

// Groups whose metric is undefined (no support) are left out. Empty when fewer than two remain.
std::optional<FairnessComparison> compareGroups(const std::vector<GroupMetrics> &groups,
                                                const QString &family, Metric metric,
                                                double threshold);

} // namespace digitpad
