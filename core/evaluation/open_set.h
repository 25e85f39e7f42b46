#pragma once

#include <QJsonObject>
#include <vector>

namespace digitpad {

// How well "not a digit" separates digits from things that are none, over every threshold: the
// open-set curve. Scores are Prediction::notDigitScore (1 or more reads "not a digit" at the
// model's own threshold).
struct OpenSetPoint {
    double score = 0.0;          // the threshold: a score at or above it is rejected
    double digitsRejected = 0.0; // share of the digits
    double nonDigitsRejected = 0.0;
};

struct OpenSetCurve {
    int digits = 0;
    int nonDigits = 0;
    std::vector<OpenSetPoint> points; // from rejecting everything to rejecting nothing
    // The chance that a non-digit scores above a digit (ties count half): the area under the
    // curve of non-digits rejected against digits rejected. 1 separates them perfectly.
    double area = 0.0;
    OpenSetPoint atModelThreshold; // score 1

    // {"digits", "non_digits", "area", "digits_rejected", "non_digits_rejected",
    //  "curve": [[digits rejected, non-digits rejected], ...]}
    QJsonObject toJson() const;
};

// Throws digitpad::Error when either list is empty. At most `maxPoints` points, spread evenly
// over the share of digits rejected on a log scale.
OpenSetCurve openSetCurve(std::vector<float> digitScores, std::vector<float> nonDigitScores,
                          int maxPoints = 101);

} // namespace digitpad
