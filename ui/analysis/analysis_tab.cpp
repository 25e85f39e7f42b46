#include "analysis_tab.h"

#include "analysis_charts.h"
#include "analysis_report.h"
#include "analysis_summary.h"
#include "analysis_table_models.h"
#include "checkpoint.h"
#include "confusion_matrix_view.h"
#include "data_source_picker.h"
#include "error.h"
#include "labels_page.h"
#include "open_set_page.h"
#include "qcustomplot_include.h"
#include "sample_gallery.h"
#include "session.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace {

QCustomPlot *newPlot() {
    auto *plot = new QCustomPlot;
    plot->setMinimumHeight(200);
    return plot;
}

QTableView *newTable(QAbstractItemModel *model) {
    auto *table = new QTableView;
    table->setModel(model);
    table->verticalHeader()->setVisible(false);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->setWordWrap(false);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Columns follow their contents whenever the model is refilled.
    QObject::connect(model, &QAbstractItemModel::modelReset, table,
                     &QTableView::resizeColumnsToContents);
    return table;
}

const QString kGroup = QStringLiteral("analysis");
} // namespace

AnalysisTab::AnalysisTab(Session *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_source(new DataSourcePicker),
      m_evaluate(new QPushButton(tr("Eval&uate"))),
      m_compare(new QPushButton(tr("Compare &With..."))),
      m_export(new QPushButton(tr("E&xport Report..."))), m_progress(new QProgressBar),
      m_threshold(new QDoubleSpinBox), m_normalised(new QCheckBox(tr("Row %"))),
      m_summary(new QLabel), m_matrix(new ConfusionMatrixView), m_gallery(new SampleGallery),
      m_digitsModel(new GroupMetricsModel(tr("Digit"), digitpad::digitFairnessMetrics(), this)),
      m_slicesModel(
          new GroupMetricsModel(tr("Handwriting-style slice"),
                                {digitpad::Metric::Accuracy, digitpad::Metric::MeanConfidence,
                                 digitpad::Metric::CalibrationError},
                                this)),
      m_fairnessModel(new FairnessModel(this)), m_comparisonModel(new ComparisonModel(this)),
      m_digitChart(newPlot()), m_reliability(newPlot()), m_balance(newPlot()),
      m_sliceBalance(newPlot()), m_openSet(new OpenSetPage), m_labels(new LabelsPage) {
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
    connect(&m_runner, &AnalysisRunner::dataLoaded, this, [this](int samples, const QString &name) {
        m_progress->setRange(0, samples);
        m_progress->setFormat(tr("Reading %1 samples of %2... %p%").arg(samples).arg(name));
    });
    connect(&m_runner, &JobRunner::progress, m_progress, &QProgressBar::setValue);
    connect(&m_runner, &AnalysisRunner::finished, this, &AnalysisTab::onEvaluated);
    connect(&m_runner, &JobRunner::failed, this, &AnalysisTab::onFailed);
    m_source->loadSettings(*m_session, kGroup, QStringLiteral("data"));
    connect(m_source, &DataSourcePicker::changed, this,
            [this] { m_source->saveSettings(*m_session, kGroup, QStringLiteral("data")); });

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

    auto *right = new QWidget;
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_summary);
    rightLayout->addWidget(buildPages(), 1);

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

AnalysisTab::~AnalysisTab() = default;

QWidget *AnalysisTab::buildPages() {
    auto *pages = new QTabWidget;
    // Worst and best name a group and its rate: they wrap within their share of the width
    // rather than pushing the verdict out of sight.
    QTableView *fairness = newTable(m_fairnessModel);
    fairness->setWordWrap(true);
    fairness->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    for (int column : {FairnessModel::kWorstColumn, FairnessModel::kWorstColumn + 1})
        fairness->horizontalHeader()->setSectionResizeMode(column, QHeaderView::Stretch);
    pages->addTab(fairness, tr("Fairness"));
    auto *perDigit = new QSplitter(Qt::Vertical);
    perDigit->addWidget(m_digitChart);
    perDigit->addWidget(newTable(m_digitsModel));
    pages->addTab(perDigit, tr("Per digit"));
    // Short names, so that every page's tab shows at the window's usual width.
    pages->setTabToolTip(pages->addTab(newTable(m_slicesModel), tr("Styles")),
                         tr("Accuracy by handwriting style: stroke width, slant, size"));
    pages->addTab(m_reliability, tr("Calibration"));
    auto *balance = new QSplitter(Qt::Horizontal);
    balance->addWidget(m_balance);
    balance->addWidget(m_sliceBalance);
    pages->setTabToolTip(pages->addTab(balance, tr("Balance")),
                         tr("How many samples of each digit and style the model trained on"));
    // Until another model is compared, the page says how to fill it instead of showing a blank
    // grid.
    auto *comparison = new QStackedWidget;
    auto *comparisonHint = new QLabel(
        tr("Compare this model with another (a mitigated run, an earlier one): press "
           "Compare With... above and pick a model file. Both are evaluated on the same data and "
           "shown here side by side."));
    comparisonHint->setWordWrap(true);
    comparisonHint->setAlignment(Qt::AlignCenter);
    comparisonHint->setEnabled(false);
    comparison->addWidget(comparisonHint);
    comparison->addWidget(newTable(m_comparisonModel));
    connect(m_comparisonModel, &QAbstractItemModel::modelReset, comparison, [this, comparison] {
        comparison->setCurrentIndex(m_comparisonModel->rowCount() > 0 ? 1 : 0);
    });
    pages->addTab(comparison, tr("Before / after"));
    pages->addTab(m_openSet, tr("Not a digit"));
    pages->setTabToolTip(pages->addTab(m_labels, tr("Labels")),
                         tr("Digits whose label is probably wrong"));
    connect(m_labels, &LabelsPage::sampleChosen, this, &AnalysisTab::sendToDraw);
    connect(m_labels, &LabelsPage::personalSamplesEdited, this, [this] {
        m_session->reloadPersonalSamples();
        Q_EMIT message(tr("Your personal samples changed: evaluate them again to see the other "
                          "pages with the change"));
    });
    return pages;
}

bool AnalysisTab::evaluate() {
    if (m_session->model().isNull()) {
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
    digitpad::EvaluationRequest request;
    request.source = *source;
    const bool personal = *source == digitpad::EvaluationSource::PersonalSamples;
    request.folder = personal ? m_session->personalFolder() : m_source->folder();
    m_evaluatingPersonal = personal ? request.folder : QString();
    m_evaluated = m_session->model();
    start(Job::Evaluate, m_evaluated, request);
    return true;
}

bool AnalysisTab::compareWith(const QString &path) {
    if (!m_shown || isBusy())
        return false;
    try {
        const digitpad::Classifier other = digitpad::loadModel(path);
        m_otherName =
            tr("%1 (%2)").arg(QFileInfo(path).completeBaseName(), other.metadata().architecture);
        digitpad::EvaluationRequest request;
        request.samples = m_shown->data;
        start(Job::Compare, other, request);
        return true;
    } catch (const digitpad::Error &error) {
        Q_EMIT message(tr("Cannot compare: %1").arg(error.message()));
        return false;
    }
}

void AnalysisTab::start(Job job, const digitpad::Classifier &model,
                        const digitpad::EvaluationRequest &request) {
    if (!m_runner.start(model, request))
        return;
    m_runningJob = job;
    m_progress->setRange(0, 0); // busy until the data is loaded and its size known
    m_progress->setFormat(tr("Loading the data..."));
    m_evaluate->setEnabled(false);
    m_compare->setEnabled(false);
}

void AnalysisTab::onFailed(const QString &reason) {
    m_runningJob = Job::None;
    m_evaluate->setEnabled(true);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setFormat(tr("Evaluation failed: %1").arg(reason));
    Q_EMIT message(tr("Evaluation failed: %1").arg(reason));
    m_compare->setEnabled(bool(m_shown));
}

void AnalysisTab::onEvaluated(const std::shared_ptr<const digitpad::ModelEvaluation> &evaluation) {
    const Job job = m_runningJob;
    m_runningJob = Job::None;
    m_evaluate->setEnabled(true);
    m_progress->setRange(0, 1);
    m_progress->setValue(1);
    if (job == Job::Evaluate) {
        m_shown = evaluation;
        m_comparisonModel->clear();
        m_openSet->setSubject(m_evaluated, m_shown->data);
        m_labels->setSubject(m_shown->data, m_evaluatingPersonal);
        showAnalysis();
        m_progress->setFormat(
            tr("Evaluated %1 samples of %2")
                .arg(QLocale().toString(m_shown->data.size()), m_shown->data.name));
        Q_EMIT analysed();
    } else {
        m_comparisonModel->setComparison(m_shown->analysis, evaluation->analysis, tr("live model"),
                                         m_otherName);
        m_progress->setFormat(tr("Compared with %1 on %2").arg(m_otherName, m_shown->data.name));
        Q_EMIT compared();
    }
    m_compare->setEnabled(true);
    m_export->setEnabled(true);
}

void AnalysisTab::showAnalysis() {
    const digitpad::Analysis &analysis = m_shown->analysis;
    m_matrix->setMatrix(analysis.confusion);
    m_gallery->clear();
    m_digitsModel->setGroups(analysis.digits);
    plotDigitMetrics(m_digitChart, analysis.digits);
    // The writer populations (when the data set has them) follow the style slices.
    std::vector<digitpad::GroupMetrics> slices = analysis.sliceMetrics;
    slices.insert(slices.end(), analysis.writerGroups.begin(), analysis.writerGroups.end());
    const digitpad::GroupMetrics *worst = analysis.worstSlice();
    m_slicesModel->setGroups(std::move(slices), worst ? worst->name : QString());
    plotReliability(m_reliability, analysis.reliability);
    plotBalance(m_balance, analysis);
    plotSliceComposition(m_sliceBalance, analysis);
    refreshFairness();
}

void AnalysisTab::refreshFairness() {
    if (!m_shown)
        return;
    m_fairnessModel->setComparisons(m_shown->analysis.fairness(m_threshold->value() / 100.0));
    m_summary->setText(analysisSummary(m_shown->analysis, m_threshold->value()));
}

void AnalysisTab::showCell(int trueDigit, int predictedDigit) {
    if (!m_shown)
        return;
    m_gallery->showSamples(m_shown->data, m_shown->analysis.outcomes,
                           m_shown->analysis.cellMembers(trueDigit, predictedDigit),
                           tr("True %1, read as %2").arg(trueDigit).arg(predictedDigit));
}

bool AnalysisTab::exportReport(const QString &folder) {
    if (!m_shown)
        return false;
    try {
        const QStringList files =
            digitpad::writeAnalysisReport(m_shown->analysis, folder, m_threshold->value() / 100.0);
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
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Compare with which model?"), m_session->runsFolder(),
                                     tr("DigitPad models (*.dpmodel)"));
    if (!path.isEmpty())
        compareWith(path);
}
