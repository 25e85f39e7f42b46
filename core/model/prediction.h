#pragma once

#include "digit_image.h"

#include <QJsonObject>
#include <array>
#include <optional>

namespace digitpad {

struct Prediction {
    std::array<float, kClassCount> probabilities{};
    int digit = -1;
    float confidence = 0.0f;
    // Top probability minus the runner-up: small means the model hesitates between two digits.
    float margin = 0.0f;
    // The model's not-a-digit probability over its calibrated threshold (ModelMetadata): 1 or
    // more reads "not a digit". Absent for models without the not-a-digit class.
    std::optional<float> notDigitScore;
    bool isDigit() const { return !notDigitScore || *notDigitScore < 1.0f; }

    static Prediction fromProbabilities(const std::array<float, kClassCount> &probabilities);
    // {"digit", "confidence", "probabilities", "is_digit", "not_digit_score"}: what the CLI and
    // the HTTP API answer (the last two when the model has the not-a-digit class).
    QJsonObject toJson() const;
};

} // namespace digitpad
