#include "number_reading.h"

#include "digit_segmentation.h"
#include "error.h"
#include "preprocess.h"

#include <QJsonArray>
#include <algorithm>

namespace digitpad {

namespace {
// A piece among other digits is read as a digit unless its not-a-digit score is this many times
// the model's threshold: its neighbours already say the picture is a number. Chosen on
// validation numbers (bench_numbers validation) with the previous default model (1,000 numbers:
// 1x 97.3%, 2x 97.6%, 3x 97.7%, 5x 97.5% read exactly) and checked with the current one (3,000:
// 1.5x 96.63%, 2x 96.80%, 3x 96.73%, 4x 96.73%, a tie).
constexpr double kInNumber = 3.0;
Prediction inNumber(Prediction prediction) {
    if (prediction.notDigitScore)
        *prediction.notDigitScore /= kInNumber;
    return prediction;
}

DigitReading readOne(const Classifier &model, const DigitSegment &segment, bool wholePicture) {
    const PreprocessedImage prepared = preprocessWithPlacement(segment.image);
    DigitReading reading;
    reading.prepared = prepared;
    reading.prediction = model.predict(prepared.input);
    if (!wholePicture)
        reading.prediction = inNumber(reading.prediction);
    // The ink's box in the picture's pixels, whatever image the segment carries; a piece among
    // others reports its segment's box instead.
    reading.prepared.inkBounds = segment.imageToPicture.mapRect(prepared.inkBounds);
    reading.box = wholePicture ? reading.prepared.inkBounds.toAlignedRect() : segment.box;
    return reading;
}

// How sure the model is that this is the digit it read: 0 for "not a digit".
double sureness(const DigitReading &reading) {
    return reading.prediction.isDigit() ? reading.prediction.confidence : 0.0;
}

// Halves of one digit often read as digits too (half a 0 is a fine 1), so a wide piece is cut
// only when the model doubts it whole and is sure of every part. 0.9 rather than 0.8: halves of
// a drawn triangle read as 1s at 81%; validation numbers read as well (bench_numbers
// validation: 97.3% exactly either way, digit count right 98.8% -> 99.0%).
constexpr double kDoubtfulWhole = 0.5;
constexpr double kSurePart = 0.9;
// A picture of one connected piece that the model rejects whole is more likely a figure (a
// square, an H, a hash) than digits that touch, so its cut must leave every part near certain.
// On 3,000 validation numbers and bench_not_a_digit's 680 drawings, read exactly / rejected as
// read: at 0.9 97.03% / 85.0%, 0.99 97.03% / 86.6%, 0.999 97.03% / 87.5%, never cut 96.87% /
// 87.9% (the model alone rejects 88.1% of them).
constexpr double kSurePartOfRejectedPicture = 0.999;
// The cut of a doubtful piece whose least sure part the model is surest of, and that sureness.
// Every part of every cut is read in one batch: one at a time, a scribble's five cuts took most
// of a reading.
std::pair<std::vector<DigitReading>, double> bestCut(const Classifier &model,
                                                     const DigitSegment &segment) {
    std::vector<std::vector<DigitReading>> cuts;
    std::vector<ModelInput> inputs;
    for (const std::vector<DigitSegment> &cut : segment.cuts) {
        std::vector<DigitReading> parts;
        try {
            for (const DigitSegment &part : cut) {
                DigitReading reading;
                reading.prepared = preprocessWithPlacement(part.image);
                reading.box = part.box;
                parts.push_back(reading);
            }
        } catch (const Error &) { // a sliver of ink too faint to read: not this cut
            continue;
        }
        for (const DigitReading &part : parts)
            inputs.push_back(part.prepared.input);
        cuts.push_back(std::move(parts));
    }
    const std::vector<Prediction> predictions = model.predictInputs(inputs);
    std::vector<DigitReading> best;
    double bestSureness = 0.0;
    std::size_t next = 0;
    for (std::vector<DigitReading> &parts : cuts) {
        double partsSureness = 1.0;
        // A part must be a digit on its own to justify the cut: the leniency a number's digits
        // get comes from neighbours, and a part's neighbours are only the rest of this piece.
        for (DigitReading &part : parts) {
            part.prediction = predictions[next++];
            partsSureness = std::min(partsSureness, sureness(part));
            part.prediction = inNumber(part.prediction);
        }
        if (partsSureness > bestSureness) {
            bestSureness = partsSureness;
            best = std::move(parts);
        }
    }
    return {best, bestSureness};
}
} // namespace

QString NumberReading::number() const {
    QString text;
    for (const DigitReading &digit : digits)
        text += digit.prediction.isDigit() ? QString::number(digit.prediction.digit)
                                           : QStringLiteral("?");
    return text;
}

QJsonObject NumberReading::toJson() const {
    QJsonArray array;
    for (const DigitReading &digit : digits) {
        QJsonObject json = digit.prediction.toJson();
        json.remove(QStringLiteral("probabilities"));
        json.insert(QStringLiteral("box"), QJsonArray{digit.box.x(), digit.box.y(),
                                                      digit.box.width(), digit.box.height()});
        array.append(json);
    }
    return {{QStringLiteral("number"), number()}, {QStringLiteral("digits"), array}};
}

QJsonObject PictureReading::toJson() const {
    QJsonObject json = whole.toJson();
    const QJsonObject digits = number.toJson();
    for (auto field = digits.begin(); field != digits.end(); ++field)
        json.insert(field.key(), field.value());
    return json;
}

PictureReading readPicture(const Classifier &model, const QImage &picture, CutTrial cuts) {
    PictureReading reading;
    reading.number = readNumber(model, picture, cuts);
    if (reading.number.digits.size() == 1) {
        reading.whole = reading.number.digits.front().prediction;
        reading.wholeInput = reading.number.digits.front().prepared;
    } else {
        reading.wholeInput = preprocessWithPlacement(picture);
        reading.whole = model.predict(reading.wholeInput.input);
    }
    return reading;
}

NumberReading readNumber(const Classifier &model, const QImage &picture, CutTrial cuts) {
    if (const std::optional<PreprocessedImage> framed = asFramedInput(picture)) {
        DigitReading digit;
        digit.prepared = *framed;
        digit.prediction = model.predict(framed->input);
        digit.box = picture.rect();
        NumberReading reading;
        reading.digits.push_back(digit);
        return reading;
    }
    const std::vector<DigitSegment> segments = segmentDigits(picture);
    const bool onePiece = segments.size() == 1;
    NumberReading reading;
    for (const DigitSegment &segment : segments) {
        DigitReading whole = readOne(model, segment, onePiece);
        if (segment.cuts.empty() || cuts == CutTrial::Deferred) {
            reading.digits.push_back(whole);
            continue;
        }
        if (sureness(whole) >= kDoubtfulWhole) {
            reading.digits.push_back(whole);
            continue;
        }
        auto [best, bestSureness] = bestCut(model, segment);
        const bool rejectedPicture = onePiece && !whole.prediction.isDigit();
        if (bestSureness >= (rejectedPicture ? kSurePartOfRejectedPicture : kSurePart))
            reading.digits.insert(reading.digits.end(), best.begin(), best.end());
        else
            reading.digits.push_back(whole);
    }
    // A thin stroke's box grows as preprocessing thickens it, and a reduced photo's boxes are
    // whole blocks: what a reading reports stays inside the picture.
    for (DigitReading &digit : reading.digits)
        digit.box = digit.box.intersected(picture.rect());
    return reading;
}

} // namespace digitpad
