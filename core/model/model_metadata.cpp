#include "model_metadata.h"

#include "architectures.h"

#include <cmath>
#include <tuple>
#include <utility>

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

namespace {
const char *typeName(QJsonValue::Type type) {
    switch (type) {
    case QJsonValue::Null:
        return "null";
    case QJsonValue::Bool:
        return "true or false";
    case QJsonValue::Double:
        return "a number";
    case QJsonValue::String:
        return "text";
    case QJsonValue::Array:
        return "a list";
    case QJsonValue::Object:
        return "an object";
    default:
        return "missing";
    }
}

// The fields of one JSON object read with the types they must have. A field that is missing
// keeps its default (older files lack the newer fields); a field of another type is the file's
// first problem, named by its path ("not_a_digit.threshold is text, not a number"), rather than
// a default the file never asked for.
class TypedFields {
  public:
    TypedFields(QJsonObject object, QString path, QString *problem)
        : m_object(std::move(object)), m_path(std::move(path)), m_problem(problem) {}

    QJsonValue value(const char *key, QJsonValue::Type type) const {
        QJsonValue value = m_object.value(QLatin1String(key));
        if (value.isUndefined() || value.type() == type)
            return value;
        if (m_problem->isEmpty())
            *m_problem = QStringLiteral("%1%2 is %3, not %4")
                             .arg(m_path, QLatin1String(key), QLatin1String(typeName(value.type())),
                                  QLatin1String(typeName(type)));
        return QJsonValue(QJsonValue::Undefined);
    }
    QString text(const char *key) const { return value(key, QJsonValue::String).toString(); }
    double number(const char *key, double fallback = 0.0) const {
        return value(key, QJsonValue::Double).toDouble(fallback);
    }
    // A measurement recorded for people (a loss, a duration): Qt writes a non-finite one, such
    // as the loss of a run that diverged, as null, and that file must still load.
    double measurement(const char *key) const {
        return m_object.value(QLatin1String(key)).isNull() ? 0.0 : number(key);
    }
    int whole(const char *key, int fallback = 0) const {
        return value(key, QJsonValue::Double).toInt(fallback);
    }
    bool flag(const char *key, bool fallback = false) const {
        return value(key, QJsonValue::Bool).toBool(fallback);
    }
    QJsonArray list(const char *key) const { return value(key, QJsonValue::Array).toArray(); }
    QJsonObject object(const char *key) const { return value(key, QJsonValue::Object).toObject(); }
    TypedFields inside(const char *key) const {
        return {object(key), m_path + QLatin1String(key) + QLatin1Char('.'), m_problem};
    }

  private:
    QJsonObject m_object;
    QString m_path; // "" or "not_a_digit."
    QString *m_problem;
};
} // namespace

ModelMetadata ModelMetadata::fromJson(const QJsonObject &json) {
    ModelMetadata metadata;
    const TypedFields top(json, QString(), &metadata.fieldProblem);
    metadata.architecture = top.text("architecture");
    const TypedFields normalisation = top.inside("normalisation");
    metadata.normalisationMean = normalisation.number("mean", metadata.normalisationMean);
    metadata.normalisationStd = normalisation.number("std", metadata.normalisationStd);
    metadata.trainingConfig = top.object("training_config");
    metadata.trainingRecipe = top.whole("training_recipe");
    const TypedFields dataset = top.inside("dataset");
    metadata.datasetName = dataset.text("name");
    metadata.datasetFingerprint = dataset.text("fingerprint");
    metadata.validationFingerprint = dataset.text("validation_fingerprint");
    metadata.trainSamples = dataset.whole("train_samples");
    metadata.validationSamples = dataset.whole("validation_samples");
    const TypedFields validation = top.inside("validation");
    metadata.validationAccuracy = validation.measurement("accuracy");
    metadata.validationLoss = validation.measurement("loss");
    const TypedFields notDigit = top.inside("not_a_digit");
    metadata.notDigitClass = notDigit.flag("class");
    metadata.notDigitThreshold = notDigit.number("threshold", 1.0);
    metadata.notDigitOverViews = notDigit.flag("over_views");
    metadata.notDigitValidationShare = notDigit.measurement("validation_share");
    metadata.trainSeconds = top.measurement("train_seconds");
    metadata.epochHistory = top.list("epochs");
    metadata.bestEpoch = top.whole("best_epoch");
    metadata.parentModel = top.text("parent_model");
    metadata.createdAt = QDateTime::fromString(top.text("created_at"), Qt::ISODate);
    metadata.appVersion = top.text("app_version");
    return metadata;
}

QString ModelMetadata::problem() const {
    if (!fieldProblem.isEmpty())
        return fieldProblem;
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
