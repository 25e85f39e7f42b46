#pragma once

#include "analysis_runner.h"

#include <QWidget>
#include <memory>

class ComparisonModel;
class ConfusionMatrixView;
class DataSourcePicker;
class QCheckBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class FairnessModel;
class GroupMetricsModel;
class LabelsPage;
class OpenSetPage;
class QProgressBar;
class QPushButton;
class QTableView;
class SampleGallery;
class Session;

// Evaluate the live model on a chosen set, in the background, and show where it errs: the
// confusion matrix (click a cell for its samples), per-digit metrics with 95% intervals, the
// fairness summary across digits and handwriting styles, calibration, data balance, a
// before/after comparison with another model on the same data, and how well "not a digit" tells
// the digits from unseen doodles.
class AnalysisTab : public QWidget {
    Q_OBJECT
  public:
    // Evaluates the session's live model.
    explicit AnalysisTab(Session *session, QWidget *parent = nullptr);
    ~AnalysisTab() override;

    // Starts evaluating the live model on the chosen data; false (and a message) when it cannot.
    bool evaluate();
    // Evaluates the model in `path` on the same data and shows it beside the live model.
    bool compareWith(const QString &path);
    bool isBusy() const { return m_runner.isRunning(); }
    void waitUntilIdle() { m_runner.waitUntilIdle(); }

    const digitpad::Analysis *analysis() const { return m_shown ? &m_shown->analysis : nullptr; }
    ConfusionMatrixView *matrixView() const { return m_matrix; }
    SampleGallery *gallery() const { return m_gallery; }
    const GroupMetricsModel *digitsModel() const { return m_digitsModel; }
    const GroupMetricsModel *slicesModel() const { return m_slicesModel; }
    const FairnessModel *fairnessModel() const { return m_fairnessModel; }
    const ComparisonModel *comparisonModel() const { return m_comparisonModel; }
    OpenSetPage *openSetPage() const { return m_openSet; }
    LabelsPage *labelsPage() const { return m_labels; }
    bool exportReport(const QString &folder);

  Q_SIGNALS:
    void sendToDraw(const QImage &digit);
    void message(const QString &text);
    void analysed();
    void compared();

  private:
    enum class Job { None, Evaluate, Compare };
    void start(Job job, const digitpad::Classifier &model,
               const digitpad::EvaluationRequest &request);
    void onEvaluated(const std::shared_ptr<const digitpad::ModelEvaluation> &evaluation);
    void onFailed(const QString &reason);
    void showAnalysis();
    void showCell(int trueDigit, int predictedDigit);
    void refreshFairness();
    void exportDialog();
    void compareDialog();
    QWidget *buildPages();

    Session *m_session;
    AnalysisRunner m_runner;
    Job m_runningJob = Job::None;
    std::shared_ptr<const digitpad::ModelEvaluation> m_shown; // of the live model
    digitpad::Classifier m_evaluated; // the snapshot of the live model m_shown was read with
    QString m_evaluatingPersonal;     // the personal samples' folder, when they are evaluated
    QString m_otherName;

    DataSourcePicker *m_source;
    QPushButton *m_evaluate;
    QPushButton *m_compare;
    QPushButton *m_export;
    QProgressBar *m_progress;
    QDoubleSpinBox *m_threshold;
    QCheckBox *m_normalised;
    QLabel *m_summary;
    ConfusionMatrixView *m_matrix;
    SampleGallery *m_gallery;
    GroupMetricsModel *m_digitsModel;
    GroupMetricsModel *m_slicesModel;
    FairnessModel *m_fairnessModel;
    ComparisonModel *m_comparisonModel;
    QCustomPlot *m_digitChart;
    QCustomPlot *m_reliability;
    QCustomPlot *m_balance;
    QCustomPlot *m_sliceBalance;
    OpenSetPage *m_openSet;
    LabelsPage *m_labels;
};
