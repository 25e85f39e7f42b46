#pragma once

#include "analysis.h"
#include "classifier.h"
#include "dataset.h"
#include "evaluation_source.h"

#include <QFutureWatcher>
#include <QWidget>
#include <functional>
#include <memory>

class ConfusionMatrixView;
class DataSourcePicker;
class QCheckBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;
class SampleGallery;

// Evaluate the live model on a chosen set, in the background, and show where it errs: the
// confusion matrix (click a cell for its samples), per-digit metrics with 95% intervals, the
// fairness summary across digits and handwriting styles, calibration, data balance, and a
// before/after comparison with another model on the same data.
class AnalysisTab : public QWidget {
    Q_OBJECT
  public:
    explicit AnalysisTab(QWidget *parent = nullptr);
    ~AnalysisTab() override;

    void setModel(const digitpad::Classifier &model, const QString &path);
    void setPersonalFolder(const QString &folder);
    // Starts evaluating the live model on the chosen data; false (and a message) when it cannot.
    bool evaluate();
    // Evaluates the model in `path` on the same data and shows it beside the live model.
    bool compareWith(const QString &path);
    bool isBusy() const { return m_job.isRunning(); }
    void waitUntilIdle();

    const digitpad::Analysis *analysis() const { return m_analysis.get(); }
    ConfusionMatrixView *matrixView() const { return m_matrix; }
    SampleGallery *gallery() const { return m_gallery; }
    QTableWidget *comparisonTable() const { return m_comparison; }
    bool exportReport(const QString &folder);

  Q_SIGNALS:
    void sendToDraw(const QImage &digit);
    void message(const QString &text);
    void analysed();
    void compared();

  private:
    enum class Job { None, Evaluate, Compare };
    // `load` runs on the job's thread: data files can be large.
    void start(Job job, const digitpad::Classifier &model,
               std::function<digitpad::EvaluationData()> load);
    void onJobDone();
    void showAnalysis();
    void showCell(int trueDigit, int predictedDigit);
    void refreshFairness();
    void exportDialog();
    void compareDialog();

    digitpad::Classifier m_model;
    QString m_modelPath;
    QString m_personalFolder;
    digitpad::Dataset m_data; // the data of the shown analysis
    std::unique_ptr<digitpad::Analysis> m_analysis;
    std::unique_ptr<digitpad::Analysis> m_other;
    QString m_otherName;
    Job m_runningJob = Job::None;
    struct JobResult {
        std::shared_ptr<digitpad::Analysis> analysis;
        digitpad::Dataset data;
        QString error;
    };
    QFutureWatcher<JobResult> m_job;

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
    QTableWidget *m_digits;
    QTableWidget *m_fairness;
    QTableWidget *m_slices;
    QTableWidget *m_comparison;
    QCustomPlot *m_digitChart;
    QCustomPlot *m_reliability;
    QCustomPlot *m_balance;
    QCustomPlot *m_sliceBalance;
};
