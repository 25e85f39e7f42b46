#pragma once

#include "classifier.h"
#include "confusion_matrix.h"
#include "dataset.h"

#include <QJsonObject>
#include <functional>
#include <vector>

namespace digitpad {

struct Evaluation {
    double accuracy = 0.0;
    double loss = 0.0; // mean cross-entropy
    ConfusionMatrix confusion;
    std::vector<Prediction> predictions; // one per sample, in data set order

    QJsonObject toJson() const;
};

// Throws digitpad::Error for an empty data set. `progress`, when given, is called with
// (samples read, total) as the model works through the data.
Evaluation evaluate(const Classifier &model, const Dataset &dataset,
                    const std::function<void(int, int)> &progress = {});

} // namespace digitpad
