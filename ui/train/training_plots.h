#pragma once

#include "trainer.h"

#include <QList>
#include <QString>
#include <QTimer>
#include <QWidget>
#include <vector>

class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCustomPlot;
class QMouseEvent;

// An earlier run's per-epoch curves, drawn behind the live run so that the two can be compared.
struct ComparedRun {
    QString label; // the run's name in the legend
    std::vector<digitpad::EpochStats> epochs;
};

// Live training curves (after QCustomPlot's real-time demo): the loss of every batch, raw and
// smoothed, above the per-epoch train and validation loss and accuracy. Points arrive as they
// are computed; the plots redraw at most every 50 ms, so a fast network cannot flood the UI.
// A change of learning rate during the run is marked on the batch plot, the best epoch so far
// on the epoch plot, and earlier runs can be overlaid on the epoch plot.
class TrainingPlots : public QWidget {
    Q_OBJECT
  public:
    explicit TrainingPlots(QWidget *parent = nullptr);

    // Empties the live curves and marks for a new run of `epochs` epochs; compared runs stay.
    void startRun(int epochs);
    void addBatch(const digitpad::BatchStats &stats);
    void addEpoch(const digitpad::EpochStats &stats);
    // Replaces the earlier runs drawn on the epoch plot (validation accuracy and loss of each).
    void setComparedRuns(const QList<ComparedRun> &runs);

    // Both plots in one file: PNG (raster) or PDF (vector), chosen by the suffix.
    // Returns false when the file cannot be written.
    bool exportTo(const QString &path) const;

    int batchPointCount() const;
    int epochPointCount() const;
    int learningRateMarkCount() const;
    // The epoch marked as the best so far; 0 when none is.
    int bestEpochMarked() const;
    int comparedRunCount() const;

  private:
    struct LearningRateMark {
        QCPItemStraightLine *line;
        QCPItemText *label;
    };

    void markLearningRateChange(double position, double from, double to);
    void removeLearningRateMarks();
    void showAllEpochs();
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
    QCPGraph *m_bestEpochMark;
    QList<LearningRateMark> m_learningRateMarks;
    QList<QCPGraph *> m_comparedAccuracies;
    QList<QCPGraph *> m_comparedLosses;
    QTimer m_replotTimer;
    int m_epochs = 1;
    int m_comparedEpochs = 0; // the longest compared run
    int m_bestEpoch = 0;
    double m_smoothed = 0;
    int m_batchesSeen = 0;
    double m_baseLearningRate = 0; // of the last batch, to say what a change changed from
};
