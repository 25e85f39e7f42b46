#include "train_tab.h"

#include "filter_history.h"
#include "run_history.h"
#include "session.h"
#include "training_form.h"
#include "training_plots.h"

#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
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
} // namespace

TrainTab::TrainTab(Session *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_form(new TrainingForm), m_plots(new TrainingPlots),
      m_filters(new FilterHistory), m_history(new RunHistory),
      m_train(new QPushButton(tr("&Train"))), m_stop(new QPushButton(tr("Sto&p"))),
      m_progress(new QProgressBar), m_status(new QLabel) {
    m_train->setIcon(QIcon::fromTheme(QStringLiteral("media-playback-start")));
    m_train->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_train->setToolTip(tr("Train a new model with these settings (Ctrl+Enter)"));
    m_train->setDefault(true);
    m_stop->setIcon(QIcon::fromTheme(QStringLiteral("media-playback-stop")));
    m_stop->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    m_stop->setToolTip(tr("Stop within one batch; the model in use is kept (Ctrl+.)"));
    connect(m_train, &QPushButton::clicked, this, &TrainTab::startTraining);
    connect(m_stop, &QPushButton::clicked, this, &TrainTab::stopTraining);
    connect(m_form, &TrainingForm::changed, this, &TrainTab::updateButtons);
    connect(m_history, &RunHistory::modelChosen, this, [this](const QString &path) {
        QString error;
        if (!m_session->loadModel(path, &error))
            Q_EMIT message(tr("Cannot load the model: %1").arg(error));
    });
    const auto showPersonalSamples = [this] {
        m_form->setPersonalSamples(m_session->personalFolder(), m_session->personalSampleCount());
    };
    connect(m_session, &Session::personalSamplesChanged, this, showPersonalSamples);
    connect(m_session, &Session::runsChanged, m_history, &RunHistory::refresh);
    connect(m_session, &Session::modelChanged, this,
            [this] { m_history->setCurrentPath(m_session->modelPath()); });

    connect(&m_runner, &TrainingRunner::started, this, &TrainTab::onStarted);
    connect(&m_runner, &TrainingRunner::batchDone, this, &TrainTab::onBatch);
    connect(&m_runner, &TrainingRunner::epochDone, this, &TrainTab::onEpoch);
    connect(&m_runner, &TrainingRunner::epochFilters, m_filters, &FilterHistory::addEpoch);
    connect(&m_runner, &TrainingRunner::finished, this, &TrainTab::onFinished);
    connect(&m_runner, &TrainingRunner::stopped, this,
            [this] { onEnded(tr("Stopped; the model in use is unchanged")); });
    connect(&m_runner, &TrainingRunner::failed, this,
            [this](const QString &reason) { onEnded(tr("Training failed: %1").arg(reason)); });

    auto *exportButton = new QPushButton(QIcon::fromTheme(QStringLiteral("document-save-as")),
                                         tr("E&xport Plots..."));
    exportButton->setToolTip(tr("Save both plots as PNG or PDF"));
    connect(exportButton, &QPushButton::clicked, this, &TrainTab::exportPlots);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_train);
    buttons->addWidget(m_stop);
    auto *settings = new QGroupBox(tr("Settings"));
    auto *settingsLayout = new QVBoxLayout(settings);
    settingsLayout->addWidget(m_form);
    settingsLayout->addLayout(buttons);
    auto *left = new QSplitter(Qt::Vertical);
    left->addWidget(settings);
    left->addWidget(m_history);
    left->setStretchFactor(1, 1);
    left->setChildrenCollapsible(false);

    m_progress->setFormat(tr("Ready"));
    m_progress->setValue(0);
    m_status->setStyleSheet(QStringLiteral("color: gray"));
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
    if (!m_runner.start(request))
        return false;
    m_request = request;
    m_form->saveSettings(*m_session);
    m_plots->startRun(request.config.epochs);
    m_filters->startRun();
    m_progress->setRange(0, 0); // busy until the data is loaded
    m_progress->setFormat(tr("Loading data..."));
    m_status->setText(QString());
    updateButtons();
    return true;
}

void TrainTab::stopTraining() {
    if (!m_runner.isRunning())
        return;
    m_runner.stop();
    m_progress->setFormat(tr("Stopping..."));
    m_stop->setEnabled(false);
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
    m_status->setText(tr("%1 on %2 training and %3 validation samples, %4 thread(s)")
                          .arg(m_request.config.architecture)
                          .arg(trainSamples)
                          .arg(validationSamples)
                          .arg(threads));
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
    const double remaining = seconds * (total - done) / std::max(1, done);
    m_progress->setFormat(tr("Epoch %1/%2 · batch %3/%4 · %5 samples/s · %6 left")
                              .arg(stats.epoch)
                              .arg(m_request.config.epochs)
                              .arg(stats.batch)
                              .arg(stats.batchesPerEpoch)
                              .arg(samplesPerSecond, 0, 'f', 0)
                              .arg(clockText(remaining)));
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
    onEnded(tr("Done in %1: %2. It is now the model in use.")
                .arg(clockText(run.result.trainSeconds), run.result.model.metadata().summary()));
    m_progress->setValue(m_progress->maximum());
    m_session->noteRunFiled(run.result.model, run.path);
}

void TrainTab::onEnded(const QString &status) {
    if (m_progress->maximum() == 0)
        m_progress->setRange(0, 1);
    m_progress->setFormat(status);
    m_status->setText(status);
    Q_EMIT message(status);
    updateButtons();
}

void TrainTab::updateButtons() {
    const bool running = m_runner.isRunning();
    m_train->setText(m_hasTrained ? tr("Re&train") : tr("&Train"));
    m_train->setEnabled(!running && m_form->problems().isEmpty());
    m_stop->setEnabled(running);
    m_form->setEnabled(!running);
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
