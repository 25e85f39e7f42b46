#pragma once

#include "trainer.h"
#include "training_config.h"
#include "training_data.h"

#include <QString>
#include <functional>

namespace digitpad {

// One training run as a user asks for it, from the Train tab or `digitpad-cli train`.
struct TrainingRunRequest {
    TrainingConfig config;
    QString dataFolder;     // empty: the MNIST training set
    QString personalFolder; // non-empty: the Draw tab's corrections join the training split
    int limit = 0;          // > 0: a stratified subset (quick runs, tests)
    // Non-empty: a new run leaves out the training digits marked wrong in this LabelMarks file
    // (the Analysis tab's Labels page), and its data set's name says how many.
    QString excludeMarkedPath;
    // Non-empty: fine-tune this model (on the personal samples, with replayed training digits)
    // instead of training a new one. Its architecture wins over config's; with no data folder
    // and no limit, its own training and validation splits are rebuilt, so validation stays
    // digits it never trained on.
    QString parentModelPath;
    QString outputPath; // empty: filed in runsFolder under a dated name
    QString runsFolder; // empty: trainingRunsDirectory()
};

// A finished (not stopped) run and where its model was saved. A stopped run writes nothing.
struct FiledRun {
    TrainingResult result;
    QString path;
};

struct TrainingRunCallbacks : TrainingCallbacks {
    // Once the data is loaded and split, before the first batch.
    std::function<void(const TrainingData &data, int threads)> onDataReady;
};

// Loads and splits the data (or, for a fine-tune, the parent model and its splits), checks that the
// model can be written where it will go (before spending minutes on training), trains, and saves
// the model atomically: under outputPath, or filed in the runs folder as
// <yyyyMMdd-HHmmss>-<arch>.dpmodel, the one naming scheme of saved runs. Returns the result with an
// empty path when the run was stopped. Throws digitpad::Error.
FiledRun trainAndFileRun(const TrainingRunRequest &request,
                         const TrainingRunCallbacks &callbacks = {});

} // namespace digitpad
