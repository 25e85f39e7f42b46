#pragma once

#include "analysis.h"

class QCustomPlot;

// The Analysis tab's QCustomPlot charts, drawn from a core Analysis.

// Recall and precision of every digit as bars with their 95% intervals as error bars.
void plotDigitMetrics(QCustomPlot *plot, const std::vector<digitpad::GroupMetrics> &digits);
void plotReliability(QCustomPlot *plot, const std::vector<digitpad::ReliabilityBin> &bins);
// Class counts of the data, and the digits' share in every style slice.
void plotBalance(QCustomPlot *plot, const digitpad::Analysis &analysis);
// Which digits make up each handwriting-style slice (share of the slice), as a heatmap.
void plotSliceComposition(QCustomPlot *plot, const digitpad::Analysis &analysis);
