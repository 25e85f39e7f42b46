#pragma once

#include "confusion_matrix.h"

#include <QWidget>

class QCPColorMap;
class QCustomPlot;
class QMouseEvent;

// The confusion matrix as a heatmap (QCPColorMap), the count or the row share in every cell.
// Clicking a cell emits cellClicked(true digit, predicted digit).
class ConfusionMatrixView : public QWidget {
    Q_OBJECT
  public:
    explicit ConfusionMatrixView(QWidget *parent = nullptr);

    void setMatrix(const digitpad::ConfusionMatrix &matrix);
    void setRowNormalised(bool on);
    // The cell under a point in widget coordinates; false outside the matrix.
    bool cellAt(QPointF position, int *trueDigit, int *predictedDigit) const;
    QPointF cellCentre(int trueDigit, int predictedDigit) const; // widget coordinates
    QCustomPlot *plot() const { return m_plot; }

  Q_SIGNALS:
    void cellClicked(int trueDigit, int predictedDigit);

  private:
    void redraw();
    void onClick(QMouseEvent *event);

    QCustomPlot *m_plot;
    QCPColorMap *m_map;
    digitpad::ConfusionMatrix m_matrix;
    bool m_rowNormalised = false;
};
