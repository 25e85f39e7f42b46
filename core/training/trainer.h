#pragma once

#include "classifier.h"
#include "dataset.h"
#include "training_config.h"

#include <functional>
#include <vector>

namespace digitpad {

struct BatchStats {
    int epoch = 0; // 1-based
    int batch = 0; // 1-based within the epoch
    int batchesPerEpoch = 0;
    double loss = 0.0;
    double learningRate = 0.0;
};

struct EpochStats {
    int epoch = 0; // 1-based
    int epochs = 0;
    double trainLoss = 0.0;
    double trainAccuracy = 0.0;
    double validationLoss = 0.0;
    double validationAccuracy = 0.0;
    double seconds = 0.0;
    double samplesPerSecond = 0.0;
};

struct TrainingCallbacks {
    std::function<void(const BatchStats &)> onBatch;
    std::function<void(const EpochStats &)> onEpoch;
    // Polled before every batch: returning true ends the run within one batch.
    std::function<bool()> shouldStop;
    // After each epoch (after onEpoch), the model as it stands: read what is needed before
    // returning (the next epoch changes it), on the training thread.
    std::function<void(int epoch, const Classifier &model)> onEpochModel;
};

struct TrainingResult {
    // As of the last batch, with metadata from the last completed epoch. A cancelled run's model
    // is half-trained: callers keep the model they had.
    Classifier model;
    bool cancelled = false;
    std::vector<EpochStats> epochs;
    double trainSeconds = 0.0;
    double samplesPerSecond = 0.0; // training samples per second of training (excl. validation)
};

// Trains config.architecture on `train`, validating on `validation` after each epoch.
// Throws digitpad::Error when the config has problems or a data set is empty.
// Reproducible for a fixed config (seed and thread count included).
TrainingResult train(const TrainingConfig &config, const Dataset &train, const Dataset &validation,
                     const TrainingCallbacks &callbacks = {});

} // namespace digitpad
