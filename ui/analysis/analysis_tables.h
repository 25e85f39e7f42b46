#pragma once

#include "analysis.h"

class QCustomPlot;
class QTableWidget;

// Fill the Analysis tab's tables and QCustomPlot charts from a core Analysis. Undefined values
// read "n/a"; intervals are shown as "value [low, high]".
void fillDigitTable(QTableWidget *table, const std::vector<digitpad::GroupMetrics> &digits);
void fillSliceTable(QTableWidget *table, const digitpad::Analysis &analysis);
void fillFairnessTable(QTableWidget *table,
                       const std::vector<digitpad::FairnessComparison> &comparisons);
void fillComparisonTable(QTableWidget *table, const digitpad::Analysis &before,
                         const digitpad::Analysis &after, const QString &beforeName,
                         const QString &afterName);
// Recall and precision of every digit as bars with their 95% intervals as error bars.
void plotDigitMetrics(QCustomPlot *plot, const std::vector<digitpad::GroupMetrics> &digits);
void plotReliability(QCustomPlot *plot, const std::vector<digitpad::ReliabilityBin> &bins);
// Class counts of the data, and the digits' share in every style slice.
void plotBalance(QCustomPlot *plot, const digitpad::Analysis &analysis);
// Which digits make up each handwriting-style slice (share of the slice), as a heatmap.
void plotSliceComposition(QCustomPlot *plot, const digitpad::Analysis &analysis);
