#include "training_runner.h"

TrainingRunner::TrainingRunner(QObject *parent) : JobRunner(QStringLiteral("training"), parent) {
    qRegisterMetaType<digitpad::FiledRun>();
    qRegisterMetaType<digitpad::BatchStats>();
    qRegisterMetaType<digitpad::EpochStats>();
    qRegisterMetaType<digitpad::FilterBank>();
    runAtIdlePriority();
}

bool TrainingRunner::start(const digitpad::TrainingRunRequest &request) {
    auto control = std::make_shared<digitpad::TrainingControl>();
    const bool accepted = startJob([this, request, control]() -> Delivery {
        // Emitted from the training thread: Qt queues them to the listeners on the GUI thread.
        digitpad::TrainingRunCallbacks callbacks;
        callbacks.onDataReady = [this](const digitpad::TrainingData &data, int threads) {
            Q_EMIT this->started(data.train.size(), data.validation.size(), threads);
        };
        callbacks.onBatch = [this](const digitpad::BatchStats &stats) { Q_EMIT batchDone(stats); };
        callbacks.onEpoch = [this](const digitpad::EpochStats &stats) { Q_EMIT epochDone(stats); };
        callbacks.shouldStop = [this] { return stopRequested(); };
        callbacks.control = control.get();
        callbacks.onEpochModel = [this](int epoch, const digitpad::Classifier &model) {
            Q_EMIT epochFilters(epoch, digitpad::firstLayerFilters(model));
        };
        digitpad::FiledRun run = digitpad::trainAndFileRun(request, callbacks);
        if (run.result.cancelled)
            return [this] { Q_EMIT stopped(); };
        return [this, run = std::move(run)] { Q_EMIT finished(run); };
    });
    if (accepted)
        m_control = control;
    return accepted;
}

void TrainingRunner::pause() {
    if (isRunning() && m_control)
        m_control->pause();
}

void TrainingRunner::resume() {
    if (m_control)
        m_control->resume();
}

void TrainingRunner::setLearningRate(double rate) {
    if (isRunning() && m_control)
        m_control->setLearningRate(rate);
}

bool TrainingRunner::isPaused() const {
    return isRunning() && m_control && m_control->isPaused();
}
