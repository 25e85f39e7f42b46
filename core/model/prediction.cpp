#include "prediction.h"

#include <QJsonArray>

#include <algorithm>

namespace digitpad {

Prediction Prediction::fromProbabilities(const std::array<float, kClassCount> &probabilities) {
    Prediction prediction;
    prediction.probabilities = probabilities;
    const auto top = std::max_element(probabilities.begin(), probabilities.end());
    prediction.digit = static_cast<int>(top - probabilities.begin());
    prediction.confidence = *top;
    float second = 0.0f;
    for (int i = 0; i < kClassCount; ++i)
        if (i != prediction.digit)
            second = std::max(second, probabilities[i]);
    prediction.margin = prediction.confidence - second;
    return prediction;
}

QJsonObject Prediction::toJson() const {
    QJsonArray all;
    for (float p : probabilities)
        all.append(double(p));
    QJsonObject json{{QStringLiteral("digit"), digit},
                     {QStringLiteral("confidence"), double(confidence)},
                     {QStringLiteral("probabilities"), all}};
    if (notDigitScore) {
        json.insert(QStringLiteral("is_digit"), isDigit());
        json.insert(QStringLiteral("not_digit_score"), double(*notDigitScore));
    }
    return json;
}

} // namespace digitpad
