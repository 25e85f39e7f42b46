#include "analysis_tab.h"

#include "analysis_report.h"
#include "analysis_tables.h"
#include "checkpoint.h"
#include "confusion_matrix_view.h"
#include "data_source_picker.h"
#include "error.h"
#include "evaluation_source.h"
#include "model_history.h"
#include "qcustomplot_include.h"
#include "sample_gallery.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace {

QCustomPlot *newPlot() {
    auto *plot = new QCustomPlot;
    plot->setMinimumHeight(200);
    return plot;
}
} // namespace

AnalysisTab::AnalysisTab(QWidget *parent)
    : QWidget(parent), m_source(new DataSourcePicker), m_evaluate(new QPushButton(tr("&Evaluate"))),
      m_compare(new QPushButton(tr("Compare &With..."))),
      m_export(new QPushButton(tr("E&xport Report..."))), m_progress(new QProgressBar),
      m_threshold(new QDoubleSpinBox), m_normalised(new QCheckBox(tr("Row %"))),
      m_summary(new QLabel), m_matrix(new ConfusionMatrixView), m_gallery(new SampleGallery),
      m_digits(new QTableWidget), m_fairness(new QTableWidget), m_slices(new QTableWidget),
      m_comparison(new QTableWidget), m_digitChart(newPlot()), m_reliability(newPlot()),
      m_balance(newPlot()), m_sliceBalance(newPlot()) {
    using digitpad::EvaluationSource;
    for (EvaluationSource source : {EvaluationSource::MnistTest, EvaluationSource::ModelValidation,
                                    EvaluationSource::MnistTraining, EvaluationSource::IdxFolder,
                                    EvaluationSource::PersonalSamples}) {
        if (source == EvaluationSource::IdxFolder)
            m_source->addFolderSource(digitpad::evaluationSourceKey(source),
                                      digitpad::evaluationSourceLabel(source));
        else
            m_source->addSource(digitpad::evaluationSourceKey(source),
                                digitpad::evaluationSourceLabel(source));
    }
    m_threshold->setRange(0, 100);
    m_threshold->setValue(5);
    m_threshold->setSuffix(tr(" points"));
    m_threshold->setToolTip(
        tr("Fairness threshold: the largest gap between the best and the worst group you accept"));
    m_normalised->setToolTip(tr("Show each row's share instead of counts"));
    m_evaluate->setToolTip(tr("Evaluate the live model on the chosen data (F5)"));
    m_evaluate->setShortcut(QKeySequence(Qt::Key_F5));
    m_compare->setToolTip(
        tr("Before/after: evaluate another model (e.g. a mitigated run) on the same data"));
    m_progress->setFormat(tr("Ready"));
    m_progress->setValue(0);
    m_summary->setWordWrap(true);
    connect(m_evaluate, &QPushButton::clicked, this, &AnalysisTab::evaluate);
    connect(m_compare, &QPushButton::clicked, this, &AnalysisTab::compareDialog);
    connect(m_export, &QPushButton::clicked, this, &AnalysisTab::exportDialog);
    connect(m_threshold, &QDoubleSpinBox::valueChanged, this, &AnalysisTab::refreshFairness);
    connect(m_normalised, &QCheckBox::toggled, m_matrix, &ConfusionMatrixView::setRowNormalised);
    connect(m_matrix, &ConfusionMatrixView::cellClicked, this, &AnalysisTab::showCell);
    connect(m_gallery, &SampleGallery::sampleChosen, this, &AnalysisTab::sendToDraw);
    connect(&m_job, &QFutureWatcher<JobResult>::finished, this, &AnalysisTab::onJobDone);

    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Data")));
    controls->addWidget(m_source, 1);
    controls->addWidget(m_evaluate);
    controls->addWidget(m_compare);
    controls->addWidget(new QLabel(tr("Fairness threshold")));
    controls->addWidget(m_threshold);
    controls->addWidget(m_export);

    auto *matrixBox = new QWidget;
    auto *matrixLayout = new QVBoxLayout(matrixBox);
    matrixLayout->setContentsMargins(0, 0, 0, 0);
    auto *matrixTitle = new QHBoxLayout;
    matrixTitle->addWidget(new QLabel(tr("<b>Confusion matrix</b>")));
    matrixTitle->addStretch();
    matrixTitle->addWidget(m_normalised);
    matrixLayout->addLayout(matrixTitle);
    matrixLayout->addWidget(m_matrix, 1);
    auto *left = new QSplitter(Qt::Vertical);
    left->addWidget(matrixBox);
    left->addWidget(m_gallery);
    left->setStretchFactor(0, 3);
    left->setStretchFactor(1, 2);

    auto *pages = new QTabWidget;
    pages->addTab(m_fairness, tr("Fairness"));
    auto *perDigit = new QSplitter(Qt::Vertical);
    perDigit->addWidget(m_digitChart);
    perDigit->addWidget(m_digits);
    pages->addTab(perDigit, tr("Per digit"));
    pages->addTab(m_slices, tr("Handwriting styles"));
    pages->addTab(m_reliability, tr("Calibration"));
    auto *balance = new QSplitter(Qt::Horizontal);
    balance->addWidget(m_balance);
    balance->addWidget(m_sliceBalance);
    pages->addTab(balance, tr("Data balance"));
    pages->addTab(m_comparison, tr("Before / after"));
    auto *right = new QWidget;
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_summary);
    rightLayout->addWidget(pages, 1);

    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({420, 680});
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_progress);
    layout->addWidget(splitter, 1);

    m_compare->setEnabled(false);
    m_export->setEnabled(false);
    m_summary->setText(tr("Evaluate the model to see where it errs, and whom it serves worse."));
}

AnalysisTab::~AnalysisTab() {
    waitUntilIdle();
}

void AnalysisTab::setModel(const digitpad::Classifier &model, const QString &path) {
    m_model = model.isNull() ? model : model.clone(); // evaluated on another thread
    m_modelPath = path;
}

void AnalysisTab::setPersonalFolder(const QString &folder) {
    m_personalFolder = folder;
}

bool AnalysisTab::evaluate() {
    if (m_model.isNull()) {
        Q_EMIT message(tr("No model to evaluate"));
        return false;
    }
    if (isBusy())
        return false;
    const auto source = digitpad::evaluationSourceFromKey(m_source->sourceKey());
    if (const QString problem = m_source->problem(); !problem.isEmpty() || !source) {
        m_progress->setFormat(tr("Cannot evaluate: %1").arg(problem));
        Q_EMIT message(tr("Cannot evaluate: %1").arg(problem));
        return false;
    }
    const QString folder = *source == digitpad::EvaluationSource::PersonalSamples
                               ? m_personalFolder
                               : m_source->folder();
    const digitpad::ModelMetadata metadata = m_model.metadata();
    start(Job::Evaluate, m_model, [source = *source, folder, metadata] {
        return digitpad::loadEvaluationData(source, folder, metadata);
    });
    return true;
}

bool AnalysisTab::compareWith(const QString &path) {
    if (!m_analysis || isBusy())
        return false;
    try {
        const digitpad::Classifier other = digitpad::loadModel(path);
        m_otherName =
            tr("%1 (%2)").arg(QFileInfo(path).completeBaseName(), other.metadata().architecture);
        start(Job::Compare, other, [data = m_data] {
            return digitpad::EvaluationData{data, std::nullopt};
        });
        return true;
    } catch (const digitpad::Error &error) {
        Q_EMIT message(tr("Cannot compare: %1").arg(error.message()));
        return false;
    }
}

void AnalysisTab::start(Job job, const digitpad::Classifier &model,
                        std::function<digitpad::EvaluationData()> load) {
    m_runningJob = job;
    m_progress->setRange(0, 0); // busy until the data is loaded and its size known
    m_progress->setFormat(tr("Loading the data..."));
    m_evaluate->setEnabled(false);
    m_compare->setEnabled(false);
    QPointer<QProgressBar> progress = m_progress;
    const QString reading = tr("Reading %1 samples of %2... %p%");
    m_job.setFuture(QtConcurrent::run([model, load, progress, reading]() -> JobResult {
        try {
            digitpad::EvaluationData chosen = load(); // on this thread: files can be large
            const digitpad::Dataset &data = chosen.data;
            QMetaObject::invokeMethod(
                progress,
                [progress, total = data.size(), format = reading.arg(data.size()).arg(data.name)] {
                    if (!progress)
                        return;
                    progress->setRange(0, total);
                    progress->setFormat(format);
                },
                Qt::QueuedConnection);
            digitpad::AnalysisOptions options;
            options.progress = [progress](int done, int) {
                QMetaObject::invokeMethod(
                    progress,
                    [progress, done] {
                        if (progress)
                            progress->setValue(done);
                    },
                    Qt::QueuedConnection);
            };
            auto analysis =
                std::make_shared<digitpad::Analysis>(digitpad::analyse(model, data, options));
            analysis->trainingClassCounts = chosen.trainingClassCounts;
            return {analysis, std::move(chosen.data), QString()};
        } catch (const digitpad::Error &error) {
            return {nullptr, {}, error.message()};
        }
    }));
}

void AnalysisTab::waitUntilIdle() {
    if (!m_job.isRunning())
        return;
    QEventLoop loop;
    connect(&m_job, &QFutureWatcher<JobResult>::finished, &loop, &QEventLoop::quit);
    loop.exec();
}

void AnalysisTab::onJobDone() {
    const JobResult finished = m_job.result();
    const std::shared_ptr<digitpad::Analysis> result = finished.analysis;
    const Job job = m_runningJob;
    m_runningJob = Job::None;
    m_evaluate->setEnabled(true);
    if (!result) {
        m_progress->setRange(0, 1);
        m_progress->setValue(0);
        m_progress->setFormat(tr("Evaluation failed: %1").arg(finished.error));
        Q_EMIT message(tr("Evaluation failed: %1").arg(finished.error));
        m_compare->setEnabled(bool(m_analysis));
        return;
    }
    m_progress->setRange(0, 1);
    m_progress->setValue(1);
    if (job == Job::Evaluate) {
        m_analysis = std::make_unique<digitpad::Analysis>(*result);
        m_data = finished.data;
        m_other.reset();
        m_comparison->clear();
        m_comparison->setRowCount(0);
        showAnalysis();
        m_progress->setFormat(tr("Evaluated %1 samples of %2").arg(m_data.size()).arg(m_data.name));
        Q_EMIT analysed();
    } else {
        m_other = std::make_unique<digitpad::Analysis>(*result);
        fillComparisonTable(m_comparison, *m_analysis, *m_other, tr("live model"), m_otherName);
        m_progress->setFormat(tr("Compared with %1 on %2").arg(m_otherName, m_data.name));
        Q_EMIT compared();
    }
    m_compare->setEnabled(true);
    m_export->setEnabled(true);
}

void AnalysisTab::showAnalysis() {
    m_matrix->setMatrix(m_analysis->confusion);
    m_gallery->clear();
    fillDigitTable(m_digits, m_analysis->digits);
    plotDigitMetrics(m_digitChart, m_analysis->digits);
    fillSliceTable(m_slices, *m_analysis);
    plotReliability(m_reliability, m_analysis->reliability);
    plotBalance(m_balance, *m_analysis);
    plotSliceComposition(m_sliceBalance, *m_analysis);
    refreshFairness();
}

void AnalysisTab::refreshFairness() {
    if (!m_analysis)
        return;
    const std::vector<digitpad::FairnessComparison> comparisons =
        m_analysis->fairness(m_threshold->value() / 100.0);
    fillFairnessTable(m_fairness, comparisons);
    int over = 0;
    for (const auto &comparison : comparisons)
        over += !comparison.withinThreshold;
    const digitpad::GroupMetrics *worstSlice = m_analysis->worstSlice();
    const auto recall =
        digitpad::compareGroups(m_analysis->digits, QStringLiteral("digit"),
                                digitpad::Metric::Recall, m_threshold->value() / 100.0);
    QString text = tr("<b>%1</b> on %2 samples of %3: accuracy <b>%4%</b>, calibration error %5%.")
                       .arg(m_analysis->modelSummary)
                       .arg(m_analysis->outcomes.size())
                       .arg(m_analysis->datasetName)
                       .arg(m_analysis->accuracy * 100, 0, 'f', 2)
                       .arg(m_analysis->calibrationError.value_or(0) * 100, 0, 'f', 2);
    if (recall)
        text += tr(" Worst digit by recall: <b>%1</b> (%2%, %3 points below digit %4).")
                    .arg(recall->worst)
                    .arg(recall->worstValue * 100, 0, 'f', 1)
                    .arg(recall->difference * 100, 0, 'f', 1)
                    .arg(recall->best);
    if (worstSlice)
        text += tr(" Worst handwriting style: <b>%1</b> (%2%).")
                    .arg(worstSlice->name)
                    .arg(*(*worstSlice)[digitpad::Metric::Accuracy].value * 100, 0, 'f', 1);
    text += over == 0
                ? tr(" Every gap is within the %1-point threshold.").arg(m_threshold->value())
                : tr(" <span style='color:#b3261e'>%1 gap(s) exceed the %2-point threshold.</span>")
                      .arg(over)
                      .arg(m_threshold->value());
    m_summary->setText(text);
}

void AnalysisTab::showCell(int trueDigit, int predictedDigit) {
    if (!m_analysis)
        return;
    m_gallery->showSamples(m_data, m_analysis->outcomes,
                           m_analysis->cellMembers(trueDigit, predictedDigit),
                           tr("True %1, read as %2").arg(trueDigit).arg(predictedDigit));
}

bool AnalysisTab::exportReport(const QString &folder) {
    if (!m_analysis)
        return false;
    try {
        const QStringList files =
            digitpad::writeAnalysisReport(*m_analysis, folder, m_threshold->value() / 100.0);
        Q_EMIT message(tr("Report written: %1 files in %2").arg(files.size()).arg(folder));
        return true;
    } catch (const digitpad::Error &error) {
        Q_EMIT message(tr("Cannot write the report: %1").arg(error.message()));
        return false;
    }
}

void AnalysisTab::exportDialog() {
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Report folder"));
    if (!folder.isEmpty())
        exportReport(folder);
}

void AnalysisTab::compareDialog() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Compare with which model?"),
                                                      digitpad::trainingRunsDirectory(),
                                                      tr("DigitPad models (*.dpmodel)"));
    if (!path.isEmpty())
        compareWith(path);
}
