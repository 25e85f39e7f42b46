#include "prediction_outcome.h"

#include "error.h"
#include "number_reading.h"

#include <QElapsedTimer>
#include <QPainter>
#include <algorithm>

namespace {
// The model reads 28x28 pixels: a canvas in a large window (or on a HiDPI screen) is read at an
// integer fraction of its size, at most this many pixels a side. Its device pixel ratio shrinks
// with it, so boxes and overlays still land on the canvas's own coordinates: reading cost grows
// with the pixels, a good part of it finding the digits (bench_draw).
constexpr int kReadingSide = 400;

QImage smallerForReading(const QImage &picture) {
    const int longest = std::max(picture.width(), picture.height());
    const int factor = (longest + kReadingSide - 1) / kReadingSide;
    if (factor <= 1)
        return picture;
    QImage smaller = picture.scaled(std::max(1, picture.width() / factor),
                                    std::max(1, picture.height() / factor), Qt::IgnoreAspectRatio,
                                    Qt::SmoothTransformation);
    smaller.setDevicePixelRatio(picture.devicePixelRatio() / factor);
    return smaller;
}
} // namespace

PredictionOutcome readOutcome(const digitpad::Classifier &model, const QImage &canvasPicture,
                              bool penMoving, digitpad::PieceMemory *memory) {
    QElapsedTimer timer;
    timer.start();
    PredictionOutcome outcome;
    if (model.isNull()) {
        outcome.error = QObject::tr("No model loaded");
        return outcome;
    }
    try {
        const QImage picture = smallerForReading(canvasPicture);
        const digitpad::PictureReading reading = digitpad::readPicture(
            model, picture, penMoving ? digitpad::CutTrial::Deferred : digitpad::CutTrial::Now,
            memory);
        const digitpad::NumberReading &number = reading.number;
        const digitpad::PreprocessedImage &preprocessed = reading.wholeInput;
        outcome.prediction = reading.whole;
        outcome.input = digitpad::modelInputToImage(preprocessed.input);
        outcome.modelInput = preprocessed.input;
        if (number.digits.size() > 1) {
            // What the model saw is each digit's own 28x28, side by side.
            QImage inputs(digitpad::kImageSide * int(number.digits.size()), digitpad::kImageSide,
                          QImage::Format_Grayscale8);
            QPainter painter(&inputs);
            for (std::size_t i = 0; i < number.digits.size(); ++i)
                painter.drawImage(int(i) * digitpad::kImageSide, 0,
                                  digitpad::modelInputToImage(number.digits[i].prepared.input));
            painter.end();
            outcome.input = inputs;
            outcome.number = number.number();
            const qreal scale = 1.0 / picture.devicePixelRatio();
            for (const digitpad::DigitReading &digit : number.digits) {
                outcome.digitBoxes.append(
                    QRectF(digit.box.topLeft() * scale, QSizeF(digit.box.size()) * scale));
                outcome.digitLabels.append(
                    digit.prediction.isDigit()
                        ? QStringLiteral("%1  %2%")
                              .arg(digit.prediction.digit)
                              .arg(digit.prediction.confidence * 100, 0, 'f', 0)
                        : QObject::tr("not a digit"));
            }
        }
        const QPointF origin = preprocessed.toSource({0, 0});
        const QPointF unit = preprocessed.toSource({1, 1}) - origin;
        // Source pixels are device pixels; the canvas paints in logical ones.
        const qreal ratio = picture.devicePixelRatio();
        outcome.inputToSource = QTransform(unit.x() / ratio, 0, 0, unit.y() / ratio,
                                           origin.x() / ratio, origin.y() / ratio);
    } catch (const digitpad::Error &error) {
        outcome.error = error.message();
    }
    outcome.milliseconds = timer.nsecsElapsed() / 1e6;
    return outcome;
}
