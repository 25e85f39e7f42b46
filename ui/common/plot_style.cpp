#include "plot_style.h"

#include "dataset.h"

QSharedPointer<QCPAxisTickerText> digitTicker() {
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int digit = 0; digit < digitpad::kClassCount; ++digit)
        ticker->addTick(digit, QString::number(digit));
    return ticker;
}

void placeLegendBelow(QCustomPlot *plot) {
    plot->legend->setVisible(true);
    plot->legend->setBrush(Qt::NoBrush);
    plot->legend->setBorderPen(Qt::NoPen);
    plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    plot->legend->setWrap(4);
    if (plot->plotLayout()->rowCount() < 2) {
        plot->plotLayout()->addElement(1, 0, plot->legend);
        plot->plotLayout()->setRowStretchFactor(1, 0.001);
    }
}
