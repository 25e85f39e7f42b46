#pragma once

#include "classifier.h"

#include <QString>
#include <vector>

namespace digitpad {

// Every finished training run is kept as a .dpmodel in one folder, so that a user can go back
// to any earlier model. The folder is the history: there is no index file to get out of step.
struct SavedModel {
    QString path;
    ModelMetadata metadata;
};

// <userModelsDirectory()>/runs
QString trainingRunsDirectory();

// Saves atomically under a new, date-stamped name in `folder` and returns the path.
QString saveTrainingRun(const Classifier &model, const QString &folder = trainingRunsDirectory());

// Newest first. Files that are not readable models are skipped, not fatal.
std::vector<SavedModel> listTrainingRuns(const QString &folder = trainingRunsDirectory());

} // namespace digitpad
