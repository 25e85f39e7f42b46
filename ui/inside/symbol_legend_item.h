#pragma once

#include "qcustomplot_include.h"

// A legend entry drawn from a symbol of its own rather than from a plottable: on a map of
// thousands of points the points are small, and a legend that copies them is too small to tell
// their colours apart. The symbol and its text are centred in the entry's cell, so that a row of
// entries in equal columns is evenly spread.
class SymbolLegendItem : public QCPAbstractLegendItem {
    Q_OBJECT
  public:
    SymbolLegendItem(QCPLegend *legend, const QCPScatterStyle &symbol, const QString &text);

  protected:
    void draw(QCPPainter *painter) override;
    QSize minimumOuterSizeHint() const override;

  private:
    int symbolSide() const;
    QSize contentSize() const;

    QCPScatterStyle m_symbol;
    QString m_text;
};
