#pragma once

#include "calibration.h"
#include "confusion_matrix.h"
#include "group_metrics.h"

#include <QImage>
#include <QString>
#include <vector>

namespace digitpad {

// Static charts for the report folder, painted with QPainter so that `digitpad-cli eval
// --report` needs no display. The Analysis tab draws its interactive ones with QCustomPlot.
QImage confusionMatrixChart(const ConfusionMatrix &confusion);
// One bar per group with its 95% interval as a whisker.
QImage groupMetricChart(const std::vector<GroupMetrics> &groups, Metric metric,
                        const QString &title);
QImage reliabilityChart(const std::vector<ReliabilityBin> &bins);
QImage countChart(const std::vector<QString> &labels, const std::vector<int> &counts,
                  const QString &title);

} // namespace digitpad
