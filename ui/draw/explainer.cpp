#include "explainer.h"

#include "explanation.h"
#include "heat_picture.h"

#include <QElapsedTimer>

Explainer::Explainer(QObject *parent) : JobRunner(QStringLiteral("explainer"), parent) {
    qRegisterMetaType<Explanation>();
    connect(this, &JobRunner::idle, this, &Explainer::startNext);
}

void Explainer::setModel(const digitpad::Classifier &model) {
    m_model = model.isNull() ? model : model.clone();
}

void Explainer::explain(const digitpad::ModelInput &input, int digit, quint64 reading) {
    m_pending = Request{input, digit, reading};
    startNext();
}

void Explainer::startNext() {
    if (!m_pending || m_model.isNull() || isRunning())
        return;
    const Request request = *m_pending;
    m_pending.reset();
    startJob([this, request, model = m_model]() -> Delivery {
        QElapsedTimer timer;
        timer.start();
        Explanation explanation;
        explanation.reading = request.reading;
        explanation.heat =
            heatPicture(digitpad::occlusionHeatmap(model, request.input, request.digit));
        explanation.milliseconds = double(timer.nsecsElapsed()) / 1e6;
        return [this, explanation] { Q_EMIT explained(explanation); };
    });
}
