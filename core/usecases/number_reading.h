#pragma once

#include "classifier.h"
#include "digit_image.h"
#include "piece_memory.h"
#include "preprocess.h"

#include <QImage>
#include <QJsonObject>
#include <QRect>
#include <vector>

namespace digitpad {

struct DigitReading {
    QRect box; // in the picture's pixels
    Prediction prediction;
    PreprocessedImage prepared; // the 28x28 the model saw, and where it came from
};

// What a picture says: its digits, left to right. One digit is the common case.
struct NumberReading {
    std::vector<DigitReading> digits;

    // "2026"; "?" stands for a piece that is not a digit.
    QString number() const;
    // {"number", "digits": [{"digit", "confidence", "is_digit", "not_digit_score", "box"}]}
    QJsonObject toJson() const;
};

// A picture read both ways: as one digit (what DigitPad always answered) and as a number.
struct PictureReading {
    Prediction whole;             // the picture as one digit
    PreprocessedImage wholeInput; // the 28x28 the model saw for it, and where it came from
    NumberReading number;         // its digits, left to right

    // The whole reading's fields ({"digit", "confidence", "probabilities", "is_digit",
    // "not_digit_score"}) and the number's ({"number", "digits"}): what `predict` and the HTTP
    // API answer.
    QJsonObject toJson() const;
};

// When a wide piece the model doubts whole is also read cut into touching digits. Each cut is
// read over the not-a-digit views, so trying them takes most of a reading: while the pen is still
// moving the Draw tab defers them, and they are tried when the stroke ends. Deferred, a number's
// whole (PictureReading::whole) is read without its not-a-digit score too, for the same reason.
enum class CutTrial { Now, Deferred };

// The one call the CLI, the HTTP API and the Draw tab read a picture with. A photo with a piece
// the model is not sure of (or with no ink found) is read again allowing its ink to cover much of
// it, as in a photo cropped close to its digit; that reading is kept when the model is sure of
// every piece of it and it has no more pieces. With a `memory`, pieces read before by the same
// model are recalled, not read again (piece_memory.h).
PictureReading readPicture(const Classifier &model, const QImage &picture,
                           CutTrial cuts = CutTrial::Now, PieceMemory *memory = nullptr);

// Reads every digit of a picture: segmentDigits(), then the MNIST recipe and the model on each
// piece. A wide piece the model doubts whole is also read cut (touching digits) in each of the
// ways segmentation offers, and the best cut wins when the model is sure of every part. A picture
// of one digit reads exactly as preprocessImage() and predict() would. `coverage`: how much of a
// photographed picture its ink may cover (ink_map.h). Throws digitpad::Error when the picture
// holds no ink.
NumberReading readNumber(const Classifier &model, const QImage &picture,
                         CutTrial cuts = CutTrial::Now, InkCoverage coverage = InkCoverage::Sparse,
                         PieceMemory *memory = nullptr);

} // namespace digitpad
