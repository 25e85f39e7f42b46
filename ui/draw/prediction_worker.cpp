#include "prediction_worker.h"

#include "error.h"
#include "explanation.h"

#include <QElapsedTimer>
#include <cmath>

namespace {
QImage heatImage(const digitpad::Heatmap &heat) {
    float strongest = 1e-6f;
    for (float value : heat)
        strongest = std::max(strongest, std::abs(value));
    QImage image(digitpad::kImageSide, digitpad::kImageSide, QImage::Format_ARGB32);
    for (int y = 0; y < digitpad::kImageSide; ++y)
        for (int x = 0; x < digitpad::kImageSide; ++x) {
            const float value = heat[std::size_t(y * digitpad::kImageSide + x)] / strongest;
            // Red where the region supports the prediction, blue where it argues against it.
            const int alpha = int(std::lround(std::min(1.0f, std::abs(value)) * 170));
            image.setPixel(x, y,
                           value >= 0 ? qRgba(230, 40, 30, alpha) : qRgba(40, 90, 230, alpha));
        }
    return image;
}
} // namespace

PredictionOutcome readPicture(const digitpad::Classifier &model, const QImage &picture,
                              bool explain) {
    QElapsedTimer timer;
    timer.start();
    PredictionOutcome outcome;
    if (model.isNull()) {
        outcome.error = QObject::tr("No model loaded");
        return outcome;
    }
    try {
        const digitpad::PreprocessedImage preprocessed = digitpad::preprocessWithPlacement(picture);
        outcome.prediction = model.predict(preprocessed.input);
        outcome.input = digitpad::modelInputToImage(preprocessed.input);
        const QPointF origin = preprocessed.toSource({0, 0});
        const QPointF unit = preprocessed.toSource({1, 1}) - origin;
        // Source pixels are device pixels; the canvas paints in logical ones.
        const qreal ratio = picture.devicePixelRatio();
        outcome.inputToSource = QTransform(unit.x() / ratio, 0, 0, unit.y() / ratio,
                                           origin.x() / ratio, origin.y() / ratio);
        if (explain)
            outcome.heat = heatImage(
                digitpad::occlusionHeatmap(model, preprocessed.input, outcome.prediction.digit));
    } catch (const digitpad::Error &error) {
        outcome.error = error.message();
    }
    outcome.milliseconds = timer.nsecsElapsed() / 1e6;
    return outcome;
}

void PredictionWorker::read(const digitpad::Classifier &model, const QImage &picture, bool explain,
                            quint64 request) {
    PredictionOutcome outcome = readPicture(model, picture, explain);
    outcome.request = request;
    Q_EMIT done(outcome);
}
