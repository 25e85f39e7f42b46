#include "epoch_stats.h"

#include <cmath>

namespace digitpad {

QJsonObject epochStatsToJson(const EpochStats &stats) {
    return {{QStringLiteral("epoch"), stats.epoch},
            {QStringLiteral("train_loss"), stats.trainLoss},
            {QStringLiteral("train_accuracy"), stats.trainAccuracy},
            {QStringLiteral("validation_loss"), stats.validationLoss},
            {QStringLiteral("validation_accuracy"), stats.validationAccuracy},
            {QStringLiteral("seconds"), stats.seconds},
            {QStringLiteral("samples_per_second"), stats.samplesPerSecond}};
}

QJsonArray epochHistoryToJson(const std::vector<EpochStats> &epochs) {
    QJsonArray history;
    for (const EpochStats &stats : epochs)
        history.append(epochStatsToJson(stats));
    return history;
}

std::vector<EpochStats> epochHistoryFromJson(const QJsonArray &json) {
    std::vector<EpochStats> epochs;
    for (const auto &value : json) {
        const QJsonObject object = value.toObject();
        EpochStats stats;
        stats.epoch = object.value(QStringLiteral("epoch")).toInt();
        stats.epochs = int(json.size());
        stats.trainLoss = object.value(QStringLiteral("train_loss")).toDouble();
        stats.trainAccuracy = object.value(QStringLiteral("train_accuracy")).toDouble();
        stats.validationLoss = object.value(QStringLiteral("validation_loss")).toDouble();
        stats.validationAccuracy = object.value(QStringLiteral("validation_accuracy")).toDouble();
        stats.seconds = object.value(QStringLiteral("seconds")).toDouble();
        if (stats.epoch < 1 || !std::isfinite(stats.validationLoss) ||
            !std::isfinite(stats.trainLoss))
            continue; // a hand-edited or damaged entry is left out, not plotted as nonsense
        epochs.push_back(stats);
    }
    return epochs;
}

} // namespace digitpad
