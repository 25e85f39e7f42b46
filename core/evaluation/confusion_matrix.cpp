#include "confusion_matrix.h"

#include <QJsonArray>
#include <QJsonValue>
#include <stdexcept>

namespace digitpad {

ConfusionMatrix::ConfusionMatrix(int classCount)
    : m_classCount(classCount), m_counts(std::size_t(classCount * classCount), 0) {}

void ConfusionMatrix::add(int trueClass, int predictedClass, int count) {
    if (trueClass < 0 || trueClass >= m_classCount || predictedClass < 0 ||
        predictedClass >= m_classCount)
        throw std::out_of_range("confusion matrix class out of range");
    m_counts[std::size_t(trueClass) * std::size_t(m_classCount) + std::size_t(predictedClass)] +=
        count;
}

int ConfusionMatrix::count(int trueClass, int predictedClass) const {
    return m_counts[std::size_t(trueClass) * std::size_t(m_classCount) +
                    std::size_t(predictedClass)];
}

int ConfusionMatrix::total() const {
    int sum = 0;
    for (int value : m_counts)
        sum += value;
    return sum;
}

int ConfusionMatrix::correct() const {
    int sum = 0;
    for (int c = 0; c < m_classCount; ++c)
        sum += count(c, c);
    return sum;
}

std::optional<double> ConfusionMatrix::accuracy() const {
    const int all = total();
    if (all == 0)
        return std::nullopt;
    return double(correct()) / all;
}

ClassMetrics ConfusionMatrix::metricsFor(int classIndex) const {
    ClassMetrics metrics;
    for (int other = 0; other < m_classCount; ++other) {
        metrics.support += count(classIndex, other);
        metrics.predicted += count(other, classIndex);
    }
    const int truePositives = count(classIndex, classIndex);
    if (metrics.predicted > 0)
        metrics.precision = double(truePositives) / metrics.predicted;
    if (metrics.support > 0)
        metrics.recall = double(truePositives) / metrics.support;
    if (metrics.precision && metrics.recall) {
        const double sum = *metrics.precision + *metrics.recall;
        metrics.f1 = sum > 0 ? 2 * *metrics.precision * *metrics.recall / sum : 0.0;
    }
    return metrics;
}

namespace {
QJsonValue optionalToJson(const std::optional<double> &value) {
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}
} // namespace

QJsonObject ConfusionMatrix::toJson() const {
    QJsonArray rows;
    QJsonArray perClass;
    for (int t = 0; t < m_classCount; ++t) {
        QJsonArray row;
        for (int p = 0; p < m_classCount; ++p)
            row.append(count(t, p));
        rows.append(row);
        const ClassMetrics metrics = metricsFor(t);
        perClass.append(
            QJsonObject{{QStringLiteral("class"), t},
                        {QStringLiteral("support"), metrics.support},
                        {QStringLiteral("precision"), optionalToJson(metrics.precision)},
                        {QStringLiteral("recall"), optionalToJson(metrics.recall)},
                        {QStringLiteral("f1"), optionalToJson(metrics.f1)}});
    }
    return {{QStringLiteral("matrix"), rows}, {QStringLiteral("per_class"), perClass}};
}

} // namespace digitpad
