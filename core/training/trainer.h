#pragma once

#include "classifier.h"
#include "dataset.h"
#include "epoch_stats.h"
#include "training_config.h"
#include "training_control.h"

#include <functional>
#include <optional>
#include <vector>

namespace digitpad {

// The share of validation digits a model's not-a-digit threshold is calibrated to reject (and of
// the same digits redrawn with a pen). Chosen on validation digits and on pen-drawn digits of
// other hands, never on the test set: a larger share rejects more letters and shapes, and more
// real digits with them.
inline constexpr double kValidationDigitsRejected = 0.006;

// Two models' validation accuracies this close (on the same digits) are as good as each other:
// a new model may fall short of the one in use by this much and still take over.
inline constexpr double kValidationNoise = 0.0005;

// The revision of the training recipe (augmentation.h: how digits are augmented and negatives
// made), recorded in every model it trains (ModelMetadata::trainingRecipe), so a model of an
// older recipe can be told apart: setup retrains such a default model. Raised with every change.
//   1: a third of the stick figures drawn with a thicker pen; half the narrow 0s mirrored.
//   2: real doodles as half the negatives (one for every six digits); letters among the stick
//      figures; photographed-paper damage on a share of every batch; the threshold calibrated
//      on validation digits redrawn with a pen as well.
//   3: more letters and symbols among the stick figures (< > ^ V L N, brackets, n h m r u U,
//      ! = ~ %, $ and the euro sign, f).
//   4: stick figures placed as the preprocessing places a picture (centre of mass, not box
//      centre), then moved as augmentation moves a digit.
inline constexpr int kTrainingRecipe = 4;

struct BatchStats {
    int epoch = 0; // 1-based
    int batch = 0; // 1-based within the epoch
    int batchesPerEpoch = 0;
    double loss = 0.0;
    double learningRate = 0.0;        // used for this batch: the base rate shaped by the schedule
    double baseLearningRate = 0.0;    // the run's base rate, which TrainingControl can change
    bool learningRateChanged = false; // the first batch with a base rate set while running
};

struct TrainingCallbacks {
    std::function<void(const BatchStats &)> onBatch;
    std::function<void(const EpochStats &)> onEpoch;
    // Polled before every batch and while paused: returning true ends the run within one batch.
    std::function<bool()> shouldStop;
    // Pause, resume and a new learning rate from another thread; optional.
    TrainingControl *control = nullptr;
    // After each epoch (after onEpoch), the model as it stands: read what is needed before
    // returning (the next epoch changes it), on the training thread.
    std::function<void(int epoch, const Classifier &model)> onEpochModel;
};

// Continuing a trained model on a user's own samples. A quarter of every batch is `personal` (drawn
// with replacement), the rest replayed training digits, on which the network is also held to its
// parent's answers (distillation), so that what it knew is not lost; BatchNorm keeps the
// parent's statistics, which the personal samples would otherwise pull askew.
struct FineTuning {
    Classifier parent;  // not changed: training goes on in a copy
    QString parentName; // how the new model names where it came from
    Dataset personal;   // may be empty: then the run just continues on the training digits
    int batchesPerEpoch = 30;
    // The parent's accuracy on this very validation set, when known (its metadata's, on its own
    // rebuilt split): spares a validation pass, a few seconds of a fine-tune that should take
    // ten.
    std::optional<double> parentValidationAccuracy;
};

// What a fine-tune did to the samples it was about and to the validation digits.
struct FineTuneEffect {
    int personalSamples = 0;
    double personalAccuracyBefore = 0.0;
    double personalAccuracyAfter = 0.0;
    double validationAccuracyBefore = 0.0;
    double validationAccuracyAfter = 0.0;

    // Teaching pays when it reads the samples better than the parent did, or costs no more than
    // noise on the validation digits: beyond that the parent is the better model.
    bool pays() const {
        return personalAccuracyAfter > personalAccuracyBefore ||
               validationAccuracyAfter >= validationAccuracyBefore - kValidationNoise;
    }
};

struct TrainingResult {
    // As of the last batch, with metadata from the last completed epoch. A cancelled run's model
    // is half-trained: callers keep the model they had.
    Classifier model;
    bool cancelled = false;
    bool stoppedEarly = false; // validation stopped improving (TrainingConfig::earlyStopPatience)
    int bestEpoch = 0;         // by validation; the model holds its weights with keepBestEpoch
    std::vector<EpochStats> epochs;
    std::optional<FineTuneEffect> fineTuneEffect;
    double trainSeconds = 0.0;
    double samplesPerSecond = 0.0; // training samples per second of training (excl. validation)
};

// Trains config.architecture on `train`, validating on `validation` after each epoch; or, with
// `fineTuning`, goes on training its parent (whose architecture and outputs win over config's).
// Throws digitpad::Error when the config has problems or a data set is empty.
// Reproducible for a fixed config (seed and thread count included) when nobody steers it.
TrainingResult train(const TrainingConfig &config, const Dataset &train, const Dataset &validation,
                     const TrainingCallbacks &callbacks = {},
                     const FineTuning *fineTuning = nullptr);

} // namespace digitpad
