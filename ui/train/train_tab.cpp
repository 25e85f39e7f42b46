#include "train_tab.h"

#include "filter_history.h"
#include "run_history.h"
#include "session.h"
#include "training_form.h"
#include "training_plots.h"

#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QVBoxLayout>

namespace {

QString clockText(double seconds) {
    const int whole = std::max(0, int(std::lround(seconds)));
    return QStringLiteral("%1:%2").arg(whole / 60).arg(whole % 60, 2, 10, QLatin1Char('0'));
}

const QKeySequence kTrainShortcut(Qt::CTRL | Qt::Key_Return);
// Batches (or a fiftieth of the run, if more) before the time left is estimated.
constexpr int kBatchesBeforeEstimate = 5;
} // namespace

TrainTab::TrainTab(Session *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_form(new TrainingForm), m_plots(new TrainingPlots),
      m_filters(new FilterHistory), m_history(new RunHistory),
      m_train(new QPushButton(tr("&Train"))), m_stop(new QPushButton(tr("Sto&p"))),
      m_pause(new QPushButton(tr("Pause"))),
      m_fineTune(new QPushButton(tr("Fi&ne-tune on My Samples"))), m_liveRate(new QDoubleSpinBox),
      m_setRate(new QPushButton(tr("Set"))), m_progress(new QProgressBar), m_status(new QLabel) {
    m_train->setIcon(QIcon::fromTheme(QStringLiteral("media-playback-start")));
    m_train->setShortcut(kTrainShortcut);
    m_train->setToolTip(tr("Train a new model with these settings (Ctrl+Enter)"));
    m_train->setDefault(true);
    m_stop->setIcon(QIcon::fromTheme(QStringLiteral("media-playback-stop")));
    m_stop->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    m_stop->setToolTip(tr("Stop within one batch; the model in use is kept (Ctrl+.)"));
    m_pause->setIcon(QIcon::fromTheme(QStringLiteral("media-playback-pause")));
    m_pause->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    m_pause->setToolTip(tr("Pause after this batch, or resume where it paused (Ctrl+Shift+P)"));
    m_fineTune->setToolTip(
        tr("Go on training the model in use on the digits you taught it in the Draw tab, mixed "
           "with replayed training digits so it forgets nothing: seconds, not minutes"));
    m_liveRate->setDecimals(6);
    m_liveRate->setRange(1e-6, 10.0);
    m_liveRate->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    m_liveRate->setToolTip(tr("A new base learning rate for the run in progress; the schedule "
                              "goes on from it"));
    m_setRate->setToolTip(tr("Use this learning rate from the next batch; the loss plot marks "
                             "the change"));
    connect(m_train, &QPushButton::clicked, this, &TrainTab::startTraining);
    connect(m_stop, &QPushButton::clicked, this, &TrainTab::stopTraining);
    connect(m_pause, &QPushButton::clicked, this, &TrainTab::togglePause);
    connect(m_fineTune, &QPushButton::clicked, this, &TrainTab::startFineTune);
    connect(m_setRate, &QPushButton::clicked, this,
            [this] { steerLearningRate(m_liveRate->value()); });
    connect(m_form, &TrainingForm::changed, this, &TrainTab::updateButtons);
    connect(m_form, &TrainingForm::changed, this, [this] {
        if (!m_runner.isRunning()) // shows the rate a run would start with
            m_liveRate->setValue(m_form->request().config.learningRate);
    });
    connect(m_history, &RunHistory::modelChosen, this, [this](const QString &path) {
        QString error;
        if (!m_session->loadModel(path, &error))
            Q_EMIT message(tr("Cannot load the model: %1").arg(error));
    });
    const auto showPersonalSamples = [this] {
        m_form->setPersonalSamples(m_session->personalFolder(), m_session->personalSampleCount());
        updateButtons();
    };
    connect(m_session, &Session::personalSamplesChanged, this, showPersonalSamples);
    connect(m_session, &Session::runsChanged, m_history, &RunHistory::refresh);
    connect(m_history, &RunHistory::comparisonChanged, this, &TrainTab::showComparedRuns);
    connect(m_session, &Session::modelChanged, this,
            [this] { m_history->setCurrentPath(m_session->modelPath()); });

    connect(&m_runner, &TrainingRunner::started, this, &TrainTab::onStarted);
    connect(&m_runner, &TrainingRunner::batchDone, this, &TrainTab::onBatch);
    connect(&m_runner, &TrainingRunner::epochDone, this, &TrainTab::onEpoch);
    connect(&m_runner, &TrainingRunner::epochFilters, m_filters, &FilterHistory::addEpoch);
    connect(&m_runner, &TrainingRunner::finished, this, &TrainTab::onFinished);
    connect(&m_runner, &TrainingRunner::stopped, this,
            [this] { onEnded(tr("Stopped"), tr("Stopped; the model in use is unchanged")); });
    connect(&m_runner, &TrainingRunner::failed, this, [this](const QString &reason) {
        onEnded(tr("Failed"), tr("Training failed: %1").arg(reason));
    });

    auto *exportButton = new QPushButton(QIcon::fromTheme(QStringLiteral("document-save-as")),
                                         tr("E&xport Plots..."));
    exportButton->setToolTip(tr("Save both plots as PNG or PDF"));
    connect(exportButton, &QPushButton::clicked, this, &TrainTab::exportPlots);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_train);
    buttons->addWidget(m_pause);
    buttons->addWidget(m_stop);
    auto *steering = new QHBoxLayout;
    steering->addWidget(new QLabel(tr("Learning rate now")));
    steering->addWidget(m_liveRate, 1);
    steering->addWidget(m_setRate);
    auto *settings = new QGroupBox(tr("Settings"));
    auto *settingsLayout = new QVBoxLayout(settings);
    settingsLayout->addWidget(m_form);
    settingsLayout->addLayout(buttons);
    settingsLayout->addLayout(steering);
    settingsLayout->addWidget(m_fineTune);
    auto *left = new QSplitter(Qt::Vertical);
    left->addWidget(settings);
    left->addWidget(m_history);
    left->setStretchFactor(1, 1);
    left->setChildrenCollapsible(false);

    m_progress->setFormat(tr("Ready"));
    m_progress->setValue(0);
    m_status->setStyleSheet(QStringLiteral("color: gray"));
    m_status->setWordWrap(true); // a long error must not widen the window
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(exportButton);
    auto *right = new QWidget;
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addLayout(progressRow);
    rightLayout->addWidget(m_status);
    auto *views = new QTabWidget;
    views->addTab(m_plots, tr("Curves"));
    views->addTab(m_filters, tr("Filters by Epoch"));
    rightLayout->addWidget(views, 1);

    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({440, 660});
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    m_form->loadSettings(*m_session);
    m_liveRate->setValue(m_form->request().config.learningRate);
    showPersonalSamples();
    m_history->setFolder(m_session->runsFolder());
    m_history->setCurrentPath(m_session->modelPath());
    updateButtons();
}

TrainTab::~TrainTab() {
    shutDown();
}

bool TrainTab::startTraining() {
    const QStringList problems = m_form->problems();
    if (!problems.isEmpty()) {
        Q_EMIT message(tr("Cannot train: %1").arg(problems.first()));
        return false;
    }
    digitpad::TrainingRunRequest request = m_form->request();
    request.runsFolder = m_session->runsFolder();
    if (!startRun(request, tr("Loading data...")))
        return false;
    m_form->saveSettings(*m_session);
    return true;
}

bool TrainTab::startFineTune() {
    if (m_session->modelPath().isEmpty() || m_session->model().isNull()) {
        Q_EMIT message(tr("Cannot fine-tune: no model is in use"));
        return false;
    }
    const int samples = m_session->personalSampleCount();
    if (samples == 0) {
        Q_EMIT message(tr("Cannot fine-tune: teach some digits in the Draw tab first"));
        return false;
    }
    digitpad::TrainingRunRequest request;
    request.config = digitpad::TrainingConfig::forFineTuning(
        digitpad::TrainingConfig::fromJson(m_session->model().metadata().trainingConfig));
    request.config.threads = m_form->request().config.threads;
    request.parentModelPath = m_session->modelPath();
    request.personalFolder = m_session->personalFolder();
    request.runsFolder = m_session->runsFolder();
    return startRun(request, tr("Fine-tuning on your %n sample(s)...", nullptr, samples));
}

bool TrainTab::startRun(const digitpad::TrainingRunRequest &request, const QString &loadingText) {
    if (!m_runner.start(request))
        return false;
    m_request = request;
    m_plots->startRun(request.config.epochs);
    showComparedRuns(); // relabelled against this run's settings
    m_filters->startRun();
    m_liveRate->setValue(request.config.learningRate);
    m_progress->setRange(0, 0); // busy until the data is loaded
    m_progress->setFormat(loadingText);
    m_status->setText(QString());
    updateButtons();
    return true;
}

void TrainTab::stopTraining() {
    if (!m_runner.isRunning())
        return;
    m_runner.resume(); // a paused run must wake to hear the stop
    m_runner.stop();
    m_progress->setFormat(tr("Stopping..."));
    m_stop->setEnabled(false);
    updateButtons();
}

void TrainTab::togglePause() {
    if (!m_runner.isRunning())
        return;
    if (m_runner.isPaused()) {
        m_runner.resume();
        Q_EMIT message(tr("Training resumed"));
    } else {
        m_runner.pause();
        m_progress->setFormat(tr("Paused at %1").arg(m_progress->format()));
        Q_EMIT message(tr("Training paused after the batch in progress"));
    }
    updateButtons();
}

void TrainTab::steerLearningRate(double rate) {
    if (!m_runner.isRunning())
        return;
    m_runner.setLearningRate(rate);
    Q_EMIT message(tr("Learning rate %1 from the next batch").arg(rate, 0, 'g', 4));
}

void TrainTab::shutDown() {
    if (!m_runner.isRunning())
        return;
    m_runner.stop();
    m_runner.waitUntilIdle();
}

void TrainTab::onStarted(int trainSamples, int validationSamples, int threads) {
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    const QLocale locale;
    const QString onThreads = threads == 1 ? tr("1 thread") : tr("%1 threads").arg(threads);
    m_status->setText(
        m_request.parentModelPath.isEmpty()
            ? tr("%1 on %2 training and %3 validation samples, %4")
                  .arg(m_request.config.architecture, locale.toString(trainSamples),
                       locale.toString(validationSamples), onThreads)
            : tr("Fine-tuning %1 on your samples, replaying %2 training digits; %3 validation "
                 "samples, %4")
                  .arg(QFileInfo(m_request.parentModelPath).fileName(),
                       locale.toString(trainSamples), locale.toString(validationSamples),
                       onThreads));
    m_clock.start();
    m_lastStatusUpdate = -1000;
}

void TrainTab::onBatch(const digitpad::BatchStats &stats) {
    m_plots->addBatch(stats);
    const int total = m_request.config.epochs * stats.batchesPerEpoch;
    const int done = (stats.epoch - 1) * stats.batchesPerEpoch + stats.batch;
    const qint64 now = m_clock.elapsed();
    if (now - m_lastStatusUpdate < 100 && done < total) // a fast network must not flood the UI
        return;
    m_lastStatusUpdate = now;
    m_progress->setRange(0, total);
    m_progress->setValue(done);
    const double seconds = std::max(1e-3, now / 1000.0);
    const double samplesPerSecond = double(done) * m_request.config.batchSize / seconds;
    if (m_runner.isPaused())
        return; // the "Paused" text stays until the user resumes
    // The first batches pay for warming up (memory, the doodles), so an estimate from them alone
    // promised minutes for a run of seconds.
    const bool tooEarly = done < std::max(kBatchesBeforeEstimate, total / 50);
    const double remaining = seconds * (total - done) / std::max(1, done);
    m_progress->setFormat(tr("Epoch %1/%2 · batch %3/%4 · %5 samples/s · %6")
                              .arg(stats.epoch)
                              .arg(m_request.config.epochs)
                              .arg(stats.batch)
                              .arg(stats.batchesPerEpoch)
                              .arg(samplesPerSecond, 0, 'f', 0)
                              .arg(tooEarly ? tr("estimating the time left")
                                            : tr("%1 left").arg(clockText(remaining))));
}

void TrainTab::onEpoch(const digitpad::EpochStats &stats) {
    m_plots->addEpoch(stats);
    m_status->setText(tr("Epoch %1: validation accuracy %2%, loss %3 (train %4%, %5)")
                          .arg(stats.epoch)
                          .arg(stats.validationAccuracy * 100, 0, 'f', 2)
                          .arg(stats.validationLoss, 0, 'f', 4)
                          .arg(stats.trainAccuracy * 100, 0, 'f', 2)
                          .arg(stats.trainLoss, 0, 'f', 4));
}

void TrainTab::onFinished(const digitpad::FiledRun &run) {
    m_hasTrained = true;
    const digitpad::TrainingResult &result = run.result;
    QString kept;
    if (result.stoppedEarly)
        kept =
            tr(" Stopped early: validation had not improved since epoch %1.").arg(result.bestEpoch);
    else if (m_request.config.keepBestEpoch && !result.epochs.empty() &&
             result.bestEpoch != result.epochs.back().epoch)
        kept = tr(" Kept epoch %1, the best by validation.").arg(result.bestEpoch);
    // The data set's name says how many digits marked wrong the run left out, as its file
    // records it.
    const QString leftOut = m_request.excludeMarkedPath.isEmpty()
                                ? QString()
                                : tr(" Trained on %1.").arg(result.model.metadata().datasetName);
    // A training run that does worse than the model in use, on the same validation digits, does
    // not replace it unasked: a one-epoch experiment must not silently undo a good model. Nor does
    // teaching that reads the user's samples no better and costs validation.
    const digitpad::ModelMetadata &trained = result.model.metadata();
    const digitpad::Classifier &live = m_session->model();
    const auto &effect = result.fineTuneEffect;
    const bool worse = effect
                           ? !effect->pays()
                           : !live.isNull() && live.metadata().validatedLike(trained) &&
                                 trained.validationAccuracy < live.metadata().validationAccuracy -
                                                                  digitpad::kValidationNoise;
    const QString takeOver =
        !worse ? tr(" It is now the model in use.")
        : effect
            ? tr(" Your samples read no better and validation fell: the model in use stays (the "
                 "taught one is in Earlier runs).")
            : tr(" It is below the model in use (%1% validation), which stays; to use it anyway, "
                 "pick it in Earlier runs.")
                  .arg(live.metadata().validationAccuracy * 100, 0, 'f', 2);
    if (effect)
        onEnded(worse ? tr("Fine-tuned; the model in use stays") : tr("Fine-tuned"),
                tr("Fine-tuned in %1: your %2 samples %3% → %4%, validation %5% → %6%.%7%8")
                    .arg(clockText(result.trainSeconds))
                    .arg(effect->personalSamples)
                    .arg(effect->personalAccuracyBefore * 100, 0, 'f', 0)
                    .arg(effect->personalAccuracyAfter * 100, 0, 'f', 0)
                    .arg(effect->validationAccuracyBefore * 100, 0, 'f', 2)
                    .arg(effect->validationAccuracyAfter * 100, 0, 'f', 2)
                    .arg(kept, takeOver));
    else
        onEnded(
            worse ? tr("Done; the model in use stays") : tr("Done"),
            tr("Done in %1: %2.%3%4%5")
                .arg(clockText(result.trainSeconds), trained.summary(), leftOut, kept, takeOver));
    m_progress->setValue(m_progress->maximum());
    m_session->noteRunFiled(run.result.model, run.path, !worse);
}

void TrainTab::onEnded(const QString &outcome, const QString &status) {
    if (m_progress->maximum() == 0)
        m_progress->setRange(0, 1);
    // A stopped or failed run's bar is emptied, as a part-filled one reads as work under way; a
    // finished one's is filled by onFinished().
    m_progress->setValue(m_progress->minimum());
    m_progress->setFormat(outcome);
    m_status->setText(status);
    Q_EMIT message(status);
    updateButtons();
}

void TrainTab::updateButtons() {
    const bool running = m_runner.isRunning();
    const bool stopping = running && m_runner.stopRequested();
    m_train->setText(m_hasTrained ? tr("Re&train") : tr("&Train"));
    m_train->setShortcut(kTrainShortcut); // a new text's mnemonic replaces the shortcut
    m_train->setEnabled(!running && m_form->problems().isEmpty());
    m_stop->setEnabled(running && !stopping);
    m_pause->setEnabled(running && !stopping);
    const bool paused = m_runner.isPaused();
    m_pause->setText(paused ? tr("Resume") : tr("Pause"));
    m_pause->setIcon(QIcon::fromTheme(paused ? QStringLiteral("media-playback-start")
                                             : QStringLiteral("media-playback-pause")));
    m_liveRate->setEnabled(running && !stopping);
    m_setRate->setEnabled(running && !stopping);
    m_fineTune->setEnabled(!running && m_session->personalSampleCount() > 0);
    m_form->setEnabled(!running);
    if (running != m_wasRunning) {
        m_wasRunning = running;
        Q_EMIT runningChanged(running);
    }
}

void TrainTab::showComparedRuns() {
    const digitpad::TrainingConfig reference =
        m_runner.isRunning() ? m_request.config : m_form->request().config;
    QList<ComparedRun> runs;
    for (const digitpad::SavedModel &run : m_history->comparedRuns()) {
        const digitpad::ModelMetadata &metadata = run.metadata;
        QStringList differences = digitpad::describeDifferences(
            digitpad::TrainingConfig::fromJson(metadata.trainingConfig), reference);
        if (!metadata.parentModel.isEmpty())
            differences.prepend(tr("fine-tuned"));
        const QString when =
            metadata.createdAt.toLocalTime().toString(QStringLiteral("MM-dd HH:mm"));
        runs.append({tr("%1 · %2").arg(when, differences.isEmpty() ? tr("same settings")
                                                                   : differences.join(", ")),
                     digitpad::epochHistoryFromJson(metadata.epochHistory)});
    }
    m_plots->setComparedRuns(runs);
}

void TrainTab::exportPlots() {
    const QString suggested = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation) +
                              QStringLiteral("/digitpad-training.png");
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Plots"), suggested, tr("PNG image (*.png);;PDF document (*.pdf)"));
    if (path.isEmpty())
        return;
    Q_EMIT message(m_plots->exportTo(path) ? tr("Plots saved to %1").arg(path)
                                           : tr("Could not write %1").arg(path));
}
