#pragma once

#include "analysis.h"

#include <QString>
#include <QStringList>

namespace digitpad {

// Writes the analysis report into `folder` (created if needed), each file atomically:
// analysis.json, per_digit.csv, style_slices.csv, confusion_matrix.csv, reliability.csv,
// fairness.csv, and the charts confusion_matrix.png, per_digit_recall.png, style_accuracy.png,
// reliability.png, class_counts.png. Returns the files written. Throws digitpad::Error.
QStringList writeAnalysisReport(const Analysis &analysis, const QString &folder, double threshold);

} // namespace digitpad
