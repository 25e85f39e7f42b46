#pragma once

#include "digit_image.h"

#include <QJsonObject>
#include <array>

namespace digitpad {

struct Prediction {
    std::array<float, kClassCount> probabilities{};
    int digit = -1;
    float confidence = 0.0f;
    // Top probability minus the runner-up: small means the model hesitates between two digits.
    float margin = 0.0f;

    static Prediction fromProbabilities(const std::array<float, kClassCount> &probabilities);
    // {"digit", "confidence", "probabilities"}: what the CLI and the HTTP API answer.
    QJsonObject toJson() const;
};

} // namespace digitpad
