#pragma once

#include "qcustomplot_include.h"

// Pieces the DigitPad charts share, so that they look and read alike.

// Ticks 0 to 9, each labelled with its digit.
QSharedPointer<QCPAxisTickerText> digitTicker();

// Moves the legend into a row of its own under the axes, so that it never hides the data.
// Calling it again on the same plot changes nothing.
void placeLegendBelow(QCustomPlot *plot);
