#include "explainer.h"

#include "explanation.h"
#include "heat_picture.h"

#include <QElapsedTimer>

Explainer::Explainer(QObject *parent) : JobRunner(QStringLiteral("explainer"), parent) {
    qRegisterMetaType<Explanation>();
}

void Explainer::setModel(const digitpad::Classifier &model) {
    m_model = model;
}

void Explainer::explain(const digitpad::ModelInput &input, int digit, quint64 reading) {
    if (m_model.isNull())
        return;
    startLatest([this, input, digit, reading, model = m_model]() -> Delivery {
        QElapsedTimer timer;
        timer.start();
        Explanation explanation;
        explanation.reading = reading;
        explanation.heat = heatPicture(digitpad::occlusionHeatmap(model, input, digit));
        explanation.milliseconds = double(timer.nsecsElapsed()) / 1e6;
        return [this, explanation] { Q_EMIT explained(explanation); };
    });
}
