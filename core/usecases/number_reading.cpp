#include "number_reading.h"

#include "digit_segmentation.h"
#include "error.h"
#include "preprocess.h"

#include <QJsonArray>
#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

namespace digitpad {

namespace {
// A piece among other digits is read as a digit unless its not-a-digit score is this many times
// the model's threshold: its neighbours already say the picture is a number. Chosen on
// validation numbers (bench_numbers validation), where between 2 and 4 times read about alike.
constexpr double kInNumber = 3.0;
Prediction inNumber(Prediction prediction) {
    if (prediction.notDigitScore)
        *prediction.notDigitScore /= kInNumber;
    return prediction;
}

// The model's reading of each input: recalled when the memory holds it, the rest read all in one
// batch through the network (one at a time, a number's pieces cost a forward pass each).
std::vector<Prediction> predictionsOf(const Classifier &model,
                                      const std::vector<ModelInput> &inputs, PieceMemory *memory) {
    if (!memory)
        return model.predictInputs(inputs);
    std::vector<Prediction> predictions(inputs.size());
    std::vector<std::size_t> unknown;
    std::vector<ModelInput> unread;
    for (std::size_t k = 0; k < inputs.size(); ++k) {
        if (const std::optional<Prediction> known = memory->recall(model, inputs[k])) {
            predictions[k] = *known;
            continue;
        }
        unknown.push_back(k);
        unread.push_back(inputs[k]);
    }
    const std::vector<Prediction> read = model.predictInputs(unread);
    for (std::size_t j = 0; j < unknown.size(); ++j) {
        predictions[unknown[j]] = read[j];
        memory->remember(model, unread[j], read[j]);
    }
    return predictions;
}

// Every piece read whole.
std::vector<DigitReading> readWholes(const Classifier &model,
                                     const std::vector<DigitSegment> &segments,
                                     PieceMemory *memory) {
    const bool wholePicture = segments.size() == 1;
    std::vector<DigitReading> readings(segments.size());
    std::vector<ModelInput> inputs;
    inputs.reserve(segments.size());
    for (std::size_t k = 0; k < segments.size(); ++k) {
        const DigitSegment &segment = segments[k];
        readings[k].prepared = segment.pictureInk ? preprocessFoundInk(segment.pictureInk->map,
                                                                       segment.pictureInk->stride)
                                                  : preprocessWithPlacement(segment.image);
        inputs.push_back(readings[k].prepared.input);
    }
    const std::vector<Prediction> predictions = predictionsOf(model, inputs, memory);
    for (std::size_t k = 0; k < segments.size(); ++k) {
        DigitReading &reading = readings[k];
        reading.prediction = wholePicture ? predictions[k] : inNumber(predictions[k]);
        // The ink's box in the picture's pixels, whatever image the segment carries; a piece
        // among others reports its segment's box instead.
        reading.prepared.inkBounds = segments[k].imageToPicture.mapRect(reading.prepared.inkBounds);
        reading.box = wholePicture ? reading.prepared.inkBounds.toAlignedRect() : segments[k].box;
    }
    return readings;
}

// How sure the model is that this is the digit it read: 0 for "not a digit".
double sureness(const DigitReading &reading) {
    return reading.prediction.isDigit() ? reading.prediction.confidence : 0.0;
}

// Halves of one digit often read as digits too (half a 0 is a fine 1), so a wide piece is cut
// only when the model doubts it whole and is sure of every part: sure enough that the halves of
// a drawn triangle, which read as fairly likely 1s, are not taken for a number.
constexpr double kDoubtfulWhole = 0.5;
constexpr double kSurePart = 0.9;
// A picture of one connected piece that the model rejects whole is more likely a figure (a
// square, an H, a hash) than digits that touch, so its cut must leave every part near certain.
// Chosen on validation numbers and bench_not_a_digit's drawings: the higher the bar, the more
// drawings stay rejected, and validation numbers read alike from 0.9 up. A piece at least
// kNumberWide times as wide as it is tall is more likely digits in a row than a figure, and its
// parts need only be sure (kSurePart): chosen on bench_numbers' touching validation numbers and
// bench_not_a_digit, where a lower width began to cut its drawings into digits.
constexpr double kSurePartOfRejectedPicture = 0.999;
constexpr double kNumberWide = 1.5;
// Among other digits, a piece at least this wide over its height may be two digits that touch
// even when the model reads it fairly surely as one (a 2 and a 1 read as a 2): it is cut when
// the model is less sure of it than kSureWhole and the parts, every one sure, are surer together
// than the piece is whole. Chosen on bench_numbers' validation numbers, touching and apart: a
// lower width or a higher bar cuts more touching digits apart and more wide digits in two.
constexpr double kTwoDigitsWide = 1.0;
constexpr double kSureWhole = 0.99;
// The way to cut a doubtful piece that the model likes best, and how sure it is of its parts. Each
// slice of the lattice is read once, all in one batch (one at a time, a scribble's cuts took most
// of a reading); the best path through the lattice is the one whose parts' sureness multiplies to
// the most, so a digit cut in two (two halves of a 0 read as fine 1s) loses to the same digit
// whole.
struct Cut {
    std::vector<DigitReading> parts; // none when no path has two parts or more
    double leastSure = 0.0;          // the sureness of its least sure part
    double together = 0.0;           // its parts' sureness multiplied
};
Cut bestCut(const Classifier &model, const DigitSegment &segment, PieceMemory *memory) {
    const CutLattice &lattice = segment.cuts;
    struct ReadSlice {
        const CutLattice::Slice *slice;
        DigitReading reading;
        double sure = 0.0;
    };
    std::vector<ReadSlice> read;
    std::vector<ModelInput> inputs;
    for (const CutLattice::Slice &slice : lattice.slices) {
        DigitReading reading;
        try {
            reading.prepared = preprocessWithPlacement(slice.ink.image);
        } catch (const Error &) { // a sliver of ink too faint to read: no path through it
            continue;
        }
        reading.box = slice.ink.box;
        inputs.push_back(reading.prepared.input);
        read.push_back({&slice, reading});
    }
    const std::vector<Prediction> predictions = predictionsOf(model, inputs, memory);
    for (std::size_t k = 0; k < read.size(); ++k) {
        read[k].reading.prediction = predictions[k];
        read[k].sure = sureness(read[k].reading);
    }
    // Per place, the best path from place 0 to it: its log-sureness, and its last slice. Slices
    // come ordered by where they start, so every path into a place is known before paths leave
    // it.
    constexpr double kNone = -1e300;
    std::vector<double> best(std::size_t(lattice.places), kNone);
    std::vector<const ReadSlice *> last(std::size_t(lattice.places), nullptr);
    best[0] = 0.0;
    for (const ReadSlice &candidate : read) {
        const auto from = std::size_t(candidate.slice->from), to = std::size_t(candidate.slice->to);
        if (best[from] == kNone || candidate.sure <= 0.0)
            continue;
        const double score = best[from] + std::log(candidate.sure);
        if (score > best[to]) {
            best[to] = score;
            last[to] = &candidate;
        }
    }
    Cut cut{{}, 1.0, 1.0};
    for (const ReadSlice *part = last.back(); part; part = last[std::size_t(part->slice->from)]) {
        cut.leastSure = std::min(cut.leastSure, part->sure);
        cut.together *= part->sure;
        // A part must be a digit on its own to justify the cut: the leniency a number's digits
        // get comes from neighbours, and a part's neighbours are only the rest of this piece.
        cut.parts.insert(cut.parts.begin(), part->reading);
        cut.parts.front().prediction = inNumber(cut.parts.front().prediction);
    }
    if (cut.parts.size() < 2)
        return {};
    return cut;
}

bool allSure(const NumberReading &reading) {
    return std::all_of(reading.digits.begin(), reading.digits.end(),
                       [](const DigitReading &digit) { return sureness(digit) >= kSurePart; });
}

// A photo cropped close to its digit may be mostly ink, which the usual reading takes for the
// paper's grain: the strokes are dropped, and what is left reads as no ink, as no digit or as
// noise. So a photo whose reading has a piece the model is not sure of (or no ink at all) is
// read again as dense ink, and that reading wins when the model is sure of every piece of it (as
// of a cut's parts: a letter cropped close then more often stays rejected) and there are no more
// of them. While the pen moves nothing is read twice: the canvas is plain paper, read alike
// either way.
struct InkReading {
    NumberReading number;
    InkCoverage coverage = InkCoverage::Sparse; // which reading won
};
InkReading readNumberOrCloseCrop(const Classifier &model, const QImage &picture, CutTrial cuts,
                                 PieceMemory *memory) {
    std::optional<NumberReading> sparse;
    std::optional<Error> failure;
    try {
        sparse = readNumber(model, picture, cuts, InkCoverage::Sparse, memory);
    } catch (const Error &error) {
        failure = error;
    }
    if ((sparse && allSure(*sparse)) || cuts == CutTrial::Deferred ||
        !isPhotographedPaper(picture)) {
        if (failure)
            throw *failure;
        return {std::move(*sparse)};
    }
    try {
        NumberReading dense = readNumber(model, picture, cuts, InkCoverage::Dense, memory);
        if (allSure(dense) && (!sparse || dense.digits.size() <= sparse->digits.size()))
            return {std::move(dense), InkCoverage::Dense};
    } catch (const Error &) { // the sparse reading's answer (or failure) stands
    }
    if (failure)
        throw *failure;
    return {std::move(*sparse)};
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

PictureReading readPicture(const Classifier &model, const QImage &picture, CutTrial cuts,
                           PieceMemory *memory) {
    PictureReading reading;
    InkReading read = readNumberOrCloseCrop(model, picture, cuts, memory);
    reading.number = std::move(read.number);
    if (reading.number.digits.size() == 1) {
        reading.whole = reading.number.digits.front().prediction;
        reading.wholeInput = reading.number.digits.front().prepared;
    } else {
        reading.wholeInput = preprocessWithPlacement(picture, read.coverage);
        // While the pen moves, a number's whole is read for what the model saw and its nearest
        // digit only: whether it is a digit at all costs the views, and waits for the pen to lift.
        reading.whole =
            cuts == CutTrial::Deferred
                ? model.predictInputs({reading.wholeInput.input}, NotDigitScore::Skipped).front()
                : predictionsOf(model, {reading.wholeInput.input}, memory).front();
    }
    return reading;
}

NumberReading readNumber(const Classifier &model, const QImage &picture, CutTrial cuts,
                         InkCoverage coverage, PieceMemory *memory) {
    if (const std::optional<PreprocessedImage> framed = asFramedInput(picture)) {
        DigitReading digit;
        digit.prepared = *framed;
        digit.prediction = model.predict(framed->input);
        digit.box = picture.rect();
        NumberReading reading;
        reading.digits.push_back(digit);
        return reading;
    }
    const std::vector<DigitSegment> segments = segmentDigits(picture, coverage);
    const bool onePiece = segments.size() == 1;
    const std::vector<DigitReading> wholes = readWholes(model, segments, memory);
    NumberReading reading;
    for (std::size_t k = 0; k < segments.size(); ++k) {
        const DigitSegment &segment = segments[k];
        const DigitReading &whole = wholes[k];
        if (segment.cuts.slices.empty() || cuts == CutTrial::Deferred) {
            reading.digits.push_back(whole);
            continue;
        }
        const bool doubtful = sureness(whole) < kDoubtfulWhole;
        const bool mayBeTwoTouching = !onePiece && sureness(whole) < kSureWhole &&
                                      segment.box.width() >= kTwoDigitsWide * segment.box.height();
        if (!doubtful && !mayBeTwoTouching) {
            reading.digits.push_back(whole);
            continue;
        }
        const Cut best = bestCut(model, segment, memory);
        const bool rejectedPicture = onePiece && !whole.prediction.isDigit() &&
                                     segment.box.width() < kNumberWide * segment.box.height();
        const bool cut =
            best.leastSure >= (rejectedPicture ? kSurePartOfRejectedPicture : kSurePart) &&
            (doubtful || best.together > sureness(whole));
        if (cut)
            reading.digits.insert(reading.digits.end(), best.parts.begin(), best.parts.end());
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
