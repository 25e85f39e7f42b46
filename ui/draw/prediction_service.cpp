#include "prediction_service.h"

#include "prediction_worker.h"

PredictionService::PredictionService(QObject *parent) : QObject(parent) {
    qRegisterMetaType<PredictionOutcome>();
    qRegisterMetaType<digitpad::Classifier>();
    auto *worker = new PredictionWorker;
    worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
    connect(this, &PredictionService::work, worker, &PredictionWorker::read);
    connect(worker, &PredictionWorker::done, this, &PredictionService::onWorkerDone);
    m_thread.setObjectName(QStringLiteral("prediction"));
    m_thread.start();
}

PredictionService::~PredictionService() {
    m_thread.quit();
    m_thread.wait();
}

void PredictionService::setModel(const digitpad::Classifier &model) {
    // The worker reads with a snapshot, never with weights another thread may be changing.
    m_model = model.isNull() ? model : model.clone();
}

quint64 PredictionService::request(const QImage &picture, bool penMoving) {
    m_pendingPicture = picture;
    m_pendingPenMoving = penMoving;
    m_pendingRequest = ++m_lastRequest;
    m_hasPending = true;
    if (!m_busy)
        dispatch();
    return m_lastRequest;
}

void PredictionService::dispatch() {
    m_busy = true;
    m_hasPending = false;
    Q_EMIT work(m_model, m_pendingPicture, m_pendingPenMoving, m_pendingRequest);
    m_pendingPicture = QImage();
}

void PredictionService::onWorkerDone(const PredictionOutcome &outcome) {
    m_busy = false;
    // Shown even when a newer picture is waiting: while the pen moves, the reading keeps up.
    Q_EMIT ready(outcome);
    if (m_hasPending)
        dispatch();
}
