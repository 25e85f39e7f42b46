#pragma once

#include "dataset.h"

#include <QJsonObject>
#include <array>

namespace digitpad {

// The 28x28 input a model sees: ink intensity in [0,1], bright ink on black as in MNIST,
// before the model's own normalisation.
using ModelInput = std::array<float, kImagePixels>;

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
