#pragma once

#include "trainer.h"

#include <QTimer>
#include <QWidget>

class QCPGraph;
class QCustomPlot;
class QMouseEvent;

// Live training curves (after QCustomPlot's real-time demo): the loss of every batch, raw and
// smoothed, above the per-epoch train and validation loss and accuracy. Points arrive as they
// are computed; the plots redraw at most every 50 ms, so a fast network cannot flood the UI.
class TrainingPlots : public QWidget {
    Q_OBJECT
  public:
    explicit TrainingPlots(QWidget *parent = nullptr);

    // Empties the curves for a new run of `epochs` epochs.
    void startRun(int epochs);
    void addBatch(const digitpad::BatchStats &stats);
    void addEpoch(const digitpad::EpochStats &stats);

    // Both plots in one file: PNG (raster) or PDF (vector), chosen by the suffix.
    // Returns false when the file cannot be written.
    bool exportTo(const QString &path) const;

    int batchPointCount() const;
    int epochPointCount() const;

  private:
    void scheduleReplot();
    void replot();
    void showValueUnder(QCustomPlot *plot, QMouseEvent *event);

    QCustomPlot *m_batchPlot;
    QCustomPlot *m_epochPlot;
    QCPGraph *m_rawLoss;
    QCPGraph *m_smoothLoss;
    QCPGraph *m_trainLoss;
    QCPGraph *m_validationLoss;
    QCPGraph *m_trainAccuracy;
    QCPGraph *m_validationAccuracy;
    QTimer m_replotTimer;
    int m_epochs = 1;
    double m_smoothed = 0;
    int m_batchesSeen = 0;
};
