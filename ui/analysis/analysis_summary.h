#pragma once

#include "analysis.h"

#include <QString>

// The paragraph above the Analysis tab's pages (rich text): accuracy, calibration, the worst
// digit and handwriting style, and how many fairness gaps exceed `thresholdPoints`.
QString analysisSummary(const digitpad::Analysis &analysis, double thresholdPoints);
