#include "training_runner.h"

#include <QEventLoop>

TrainingRunner::TrainingRunner(QObject *parent) : QObject(parent) {
    qRegisterMetaType<TrainingRequest>();
    qRegisterMetaType<TrainedModel>();
    qRegisterMetaType<digitpad::BatchStats>();
    qRegisterMetaType<digitpad::EpochStats>();
    auto *worker = new TrainingWorker(&m_stopRequested);
    worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
    connect(this, &TrainingRunner::work, worker, &TrainingWorker::run);
    connect(worker, &TrainingWorker::started, this, &TrainingRunner::started);
    connect(worker, &TrainingWorker::batchDone, this, &TrainingRunner::batchDone);
    connect(worker, &TrainingWorker::epochDone, this, &TrainingRunner::epochDone);
    // The runner is idle before its listeners hear the outcome, so they may start again at once.
    connect(worker, &TrainingWorker::finished, this, [this](const TrainedModel &result) {
        markIdle();
        Q_EMIT finished(result);
        Q_EMIT idle();
    });
    connect(worker, &TrainingWorker::stopped, this, [this] {
        markIdle();
        Q_EMIT stopped();
        Q_EMIT idle();
    });
    connect(worker, &TrainingWorker::failed, this, [this](const QString &reason) {
        markIdle();
        Q_EMIT failed(reason);
        Q_EMIT idle();
    });
    m_thread.setObjectName(QStringLiteral("training"));
    m_thread.start();
}

TrainingRunner::~TrainingRunner() {
    m_stopRequested = true;
    m_thread.quit();
    m_thread.wait();
}

bool TrainingRunner::start(const TrainingRequest &request) {
    if (m_running)
        return false;
    m_running = true;
    m_stopRequested = false;
    Q_EMIT work(request);
    return true;
}

void TrainingRunner::stop() {
    if (m_running)
        m_stopRequested = true;
}

void TrainingRunner::waitUntilIdle() {
    if (!m_running)
        return;
    QEventLoop loop;
    connect(this, &TrainingRunner::idle, &loop, &QEventLoop::quit);
    loop.exec();
}

void TrainingRunner::markIdle() {
    m_running = false;
}
