#include "evaluation.h"

#include "error.h"

#include <algorithm>
#include <cmath>

namespace digitpad {

Evaluation evaluate(const Classifier &model, const Dataset &dataset) {
    if (dataset.size() == 0)
        throw Error(QStringLiteral("%1: no samples to evaluate").arg(dataset.name));
    Evaluation evaluation;
    evaluation.predictions = model.predictImages(dataset.pixels.data(), dataset.size());
    double lossSum = 0.0;
    for (int i = 0; i < dataset.size(); ++i) {
        const Prediction &prediction = evaluation.predictions[std::size_t(i)];
        const int label = dataset.labels[std::size_t(i)];
        evaluation.confusion.add(label, prediction.digit);
        // Clamped so that one certain mistake does not make the mean infinite.
        lossSum -= std::log(std::max(prediction.probabilities[std::size_t(label)], 1e-12f));
    }
    evaluation.loss = lossSum / dataset.size();
    evaluation.accuracy = evaluation.confusion.accuracy().value_or(0.0);
    return evaluation;
}

QJsonObject Evaluation::toJson() const {
    QJsonObject json = confusion.toJson();
    json.insert(QStringLiteral("accuracy"), accuracy);
    json.insert(QStringLiteral("loss"), loss);
    json.insert(QStringLiteral("samples"), confusion.total());
    return json;
}

} // namespace digitpad
