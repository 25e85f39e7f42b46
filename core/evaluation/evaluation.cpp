#include "evaluation.h"

#include "error.h"

#include <algorithm>
#include <cmath>

namespace digitpad {

namespace {
constexpr int kProgressChunk = 500; // samples read between progress reports
} // namespace

Evaluation evaluate(const Classifier &model, const Dataset &dataset,
                    const std::function<void(int, int)> &progress) {
    if (dataset.size() == 0)
        throw Error(QStringLiteral("%1: no samples to evaluate").arg(dataset.name));
    Evaluation evaluation;
    if (!progress) {
        evaluation.predictions =
            model.predictImages(dataset.pixels.data(), dataset.size(), NotDigitScore::Skipped);
    } else {
        evaluation.predictions.reserve(std::size_t(dataset.size()));
        for (int first = 0; first < dataset.size(); first += kProgressChunk) {
            const int count = std::min(kProgressChunk, dataset.size() - first);
            const std::vector<Prediction> chunk =
                model.predictImages(dataset.image(first), count, NotDigitScore::Skipped);
            evaluation.predictions.insert(evaluation.predictions.end(), chunk.begin(), chunk.end());
            progress(first + count, dataset.size());
        }
    }
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
