#pragma once

#include "classifier.h"
#include "confusion_matrix.h"
#include "dataset.h"

#include <QJsonObject>
#include <vector>

namespace digitpad {

struct Evaluation {
    double accuracy = 0.0;
    double loss = 0.0; // mean cross-entropy
    ConfusionMatrix confusion;
    std::vector<Prediction> predictions; // one per sample, in data set order

    QJsonObject toJson() const;
};

// Throws digitpad::Error for an empty data set.
Evaluation evaluate(const Classifier &model, const Dataset &dataset);

} // namespace digitpad
