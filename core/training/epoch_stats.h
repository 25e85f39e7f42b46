#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <vector>

namespace digitpad {

// One epoch of a training run, as the Train tab plots it and the CLI prints it.
struct EpochStats {
    int epoch = 0; // 1-based
    int epochs = 0;
    double trainLoss = 0.0;
    double trainAccuracy = 0.0;
    double validationLoss = 0.0;
    double validationAccuracy = 0.0;
    double seconds = 0.0;
    double samplesPerSecond = 0.0;
    bool best = false; // the best validation so far (what keep-best would keep)
};

// One epoch as JSON (the CLI prints it as it ends), and a run's curves as a model file keeps them
// (ModelMetadata::epochHistory), for comparing runs.
QJsonObject epochStatsToJson(const EpochStats &stats);
QJsonArray epochHistoryToJson(const std::vector<EpochStats> &epochs);
std::vector<EpochStats> epochHistoryFromJson(const QJsonArray &json);

} // namespace digitpad
