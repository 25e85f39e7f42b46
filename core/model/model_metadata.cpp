#include "model_metadata.h"

#include "architectures.h"

#include <cmath>
#include <tuple>

#include <QVariant>

namespace digitpad {

QJsonObject ModelMetadata::toJson() const {
    return {
        {QStringLiteral("architecture"), architecture},
        {QStringLiteral("normalisation"), QJsonObject{{QStringLiteral("mean"), normalisationMean},
                                                      {QStringLiteral("std"), normalisationStd}}},
        {QStringLiteral("training_config"), trainingConfig},
        {QStringLiteral("training_recipe"), trainingRecipe},
        {QStringLiteral("dataset"),
         QJsonObject{{QStringLiteral("name"), datasetName},
                     {QStringLiteral("fingerprint"), datasetFingerprint},
                     {QStringLiteral("validation_fingerprint"), validationFingerprint},
                     {QStringLiteral("train_samples"), trainSamples},
                     {QStringLiteral("validation_samples"), validationSamples}}},
        {QStringLiteral("validation"), QJsonObject{{QStringLiteral("accuracy"), validationAccuracy},
                                                   {QStringLiteral("loss"), validationLoss}}},
        {QStringLiteral("not_a_digit"),
         QJsonObject{{QStringLiteral("class"), notDigitClass},
                     {QStringLiteral("threshold"), notDigitThreshold},
                     {QStringLiteral("over_views"), notDigitOverViews},
                     {QStringLiteral("validation_share"), notDigitValidationShare}}},
        {QStringLiteral("train_seconds"), trainSeconds},
        {QStringLiteral("epochs"), epochHistory},
        {QStringLiteral("best_epoch"), bestEpoch},
        {QStringLiteral("parent_model"), parentModel},
        {QStringLiteral("created_at"), createdAt.toUTC().toString(Qt::ISODate)},
        {QStringLiteral("app_version"), appVersion}};
}

ModelMetadata ModelMetadata::fromJson(const QJsonObject &json) {
    ModelMetadata metadata;
    metadata.architecture = json.value(QStringLiteral("architecture")).toString();
    const QJsonObject normalisation = json.value(QStringLiteral("normalisation")).toObject();
    metadata.normalisationMean =
        normalisation.value(QStringLiteral("mean")).toDouble(metadata.normalisationMean);
    metadata.normalisationStd =
        normalisation.value(QStringLiteral("std")).toDouble(metadata.normalisationStd);
    metadata.trainingConfig = json.value(QStringLiteral("training_config")).toObject();
    metadata.trainingRecipe = json.value(QStringLiteral("training_recipe")).toInt(0);
    const QJsonObject dataset = json.value(QStringLiteral("dataset")).toObject();
    metadata.datasetName = dataset.value(QStringLiteral("name")).toString();
    metadata.datasetFingerprint = dataset.value(QStringLiteral("fingerprint")).toString();
    metadata.validationFingerprint =
        dataset.value(QStringLiteral("validation_fingerprint")).toString();
    metadata.trainSamples = dataset.value(QStringLiteral("train_samples")).toInt();
    metadata.validationSamples = dataset.value(QStringLiteral("validation_samples")).toInt();
    const QJsonObject validation = json.value(QStringLiteral("validation")).toObject();
    metadata.validationAccuracy = validation.value(QStringLiteral("accuracy")).toDouble();
    metadata.validationLoss = validation.value(QStringLiteral("loss")).toDouble();
    const QJsonObject notDigit = json.value(QStringLiteral("not_a_digit")).toObject();
    metadata.notDigitClass = notDigit.value(QStringLiteral("class")).toBool(false);
    metadata.notDigitThreshold = notDigit.value(QStringLiteral("threshold")).toDouble(1.0);
    metadata.notDigitOverViews = notDigit.value(QStringLiteral("over_views")).toBool(false);
    metadata.notDigitValidationShare =
        notDigit.value(QStringLiteral("validation_share")).toDouble(0.0);
    metadata.trainSeconds = json.value(QStringLiteral("train_seconds")).toDouble();
    metadata.epochHistory = json.value(QStringLiteral("epochs")).toArray();
    metadata.bestEpoch = json.value(QStringLiteral("best_epoch")).toInt();
    metadata.parentModel = json.value(QStringLiteral("parent_model")).toString();
    metadata.createdAt =
        QDateTime::fromString(json.value(QStringLiteral("created_at")).toString(), Qt::ISODate);
    metadata.appVersion = json.value(QStringLiteral("app_version")).toString();
    return metadata;
}

QString ModelMetadata::problem() const {
    if (!findArchitecture(architecture))
        return QStringLiteral("unknown architecture '%1' (this DigitPad knows %2)")
            .arg(architecture, architectureNames().join(QStringLiteral(", ")));
    if (!std::isfinite(normalisationMean) || std::abs(normalisationMean) > 1e3)
        return QStringLiteral("the normalisation mean %1 is not a sensible number")
            .arg(normalisationMean);
    if (!std::isfinite(normalisationStd) || normalisationStd < 1e-6 || normalisationStd > 1e3)
        return QStringLiteral("the normalisation standard deviation %1 is not a positive number")
            .arg(normalisationStd);
    if (!(notDigitThreshold > 0.0 && notDigitThreshold <= 1.0))
        return QStringLiteral("the not-a-digit threshold %1 is outside (0, 1]")
            .arg(notDigitThreshold);
    return {};
}

bool ModelMetadata::validatedLike(const ModelMetadata &other) const {
    if (!validationFingerprint.isEmpty() && !other.validationFingerprint.isEmpty())
        return validationFingerprint == other.validationFingerprint;
    const auto splitOf = [](const ModelMetadata &metadata) {
        return std::make_tuple(
            metadata.datasetName, metadata.validationSamples,
            metadata.trainingConfig.value(QStringLiteral("seed")).toVariant(),
            metadata.trainingConfig.value(QStringLiteral("validation_fraction")).toDouble(-1));
    };
    return validationSamples > 0 && splitOf(*this) == splitOf(other);
}

QString ModelMetadata::summary() const {
    return QStringLiteral("%1, %2% validation, %3")
        .arg(architecture)
        .arg(validationAccuracy * 100.0, 0, 'f', 2)
        .arg(createdAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
}

} // namespace digitpad
