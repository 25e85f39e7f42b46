#include "prediction_service.h"

PredictionService::PredictionService(QObject *parent)
    : JobRunner(QStringLiteral("prediction"), parent) {
    qRegisterMetaType<PredictionOutcome>();
}

void PredictionService::setModel(const digitpad::Classifier &model) {
    m_model = model;
}

quint64 PredictionService::request(const QImage &picture, bool penMoving) {
    const quint64 request = ++m_lastRequest;
    startLatest(
        [this, model = m_model, picture, penMoving, request, memory = m_memory]() -> Delivery {
            PredictionOutcome outcome = readOutcome(model, picture, penMoving, memory.get());
            outcome.request = request;
            return [this, outcome] { Q_EMIT ready(outcome); };
        });
    return request;
}
