#include "analysis_report.h"

#include "atomic_file.h"
#include "error.h"
#include "report_charts.h"

#include <QBuffer>
#include <QDir>
#include <QJsonDocument>

namespace digitpad {

namespace {
QString csvField(const QString &text) {
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')))
        return text;
    return QLatin1Char('"') + QString(text).replace(QLatin1Char('"'), QStringLiteral("\"\"")) +
           QLatin1Char('"');
}

QString number(const std::optional<double> &value) {
    return value ? QString::number(*value, 'g', 6) : QString();
}

// One row per group: name, support, then value, ci95_low, ci95_high of each metric.
QByteArray groupsCsv(const std::vector<GroupMetrics> &groups, const QString &firstColumn) {
    QStringList header{firstColumn, QStringLiteral("support")};
    for (int m = 0; m < kMetricCount; ++m)
        header << metricKey(Metric(m)) << metricKey(Metric(m)) + QStringLiteral("_ci95_low")
               << metricKey(Metric(m)) + QStringLiteral("_ci95_high");
    QStringList lines{header.join(QLatin1Char(','))};
    for (const GroupMetrics &group : groups) {
        QStringList row{csvField(group.name), QString::number(group.support)};
        for (const Estimate &estimate : group.metrics)
            row << number(estimate.value) << number(estimate.low) << number(estimate.high);
        lines << row.join(QLatin1Char(','));
    }
    return (lines.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8();
}

QByteArray png(const QImage &image) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}
} // namespace

QStringList writeAnalysisReport(const Analysis &analysis, const QString &folder, double threshold) {
    if (!QDir().mkpath(folder))
        throw Error(QStringLiteral("%1: cannot create the report folder").arg(folder));
    const QDir dir(folder);
    QStringList written;
    const auto write = [&](const QString &name, const QByteArray &bytes) {
        writeFileAtomically(dir.filePath(name), bytes);
        written << dir.filePath(name);
    };

    write(QStringLiteral("analysis.json"), QJsonDocument(analysis.toJson(threshold)).toJson());
    write(QStringLiteral("per_digit.csv"), groupsCsv(analysis.digits, QStringLiteral("digit")));
    write(QStringLiteral("style_slices.csv"),
          groupsCsv(analysis.sliceMetrics, QStringLiteral("slice")));
    if (!analysis.writerGroups.empty())
        write(QStringLiteral("writer_groups.csv"),
              groupsCsv(analysis.writerGroups, QStringLiteral("writers")));

    QStringList matrix{QStringLiteral("true\\predicted,0,1,2,3,4,5,6,7,8,9")};
    for (int row = 0; row < analysis.confusion.classCount(); ++row) {
        QStringList cells{QString::number(row)};
        for (int column = 0; column < analysis.confusion.classCount(); ++column)
            cells << QString::number(analysis.confusion.count(row, column));
        matrix << cells.join(QLatin1Char(','));
    }
    write(QStringLiteral("confusion_matrix.csv"),
          (matrix.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8());

    QStringList reliability{QStringLiteral("low,high,count,mean_confidence,accuracy")};
    for (const ReliabilityBin &bin : analysis.reliability)
        reliability << QStringLiteral("%1,%2,%3,%4,%5")
                           .arg(bin.low)
                           .arg(bin.high)
                           .arg(bin.count)
                           .arg(bin.meanConfidence, 0, 'g', 6)
                           .arg(bin.accuracy, 0, 'g', 6);
    write(QStringLiteral("reliability.csv"),
          (reliability.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8());

    QStringList fairness{
        QStringLiteral("metric,groups,best,best_value,worst,worst_value,difference,ratio,"
                       "within_threshold,verdict")};
    for (const FairnessComparison &comparison : analysis.fairness(threshold))
        fairness << QStringList{metricKey(comparison.metric),
                                csvField(comparison.family),
                                csvField(comparison.best),
                                QString::number(comparison.bestValue, 'g', 6),
                                csvField(comparison.worst),
                                QString::number(comparison.worstValue, 'g', 6),
                                QString::number(comparison.difference, 'g', 6),
                                QString::number(comparison.ratio, 'g', 6),
                                comparison.withinThreshold ? QStringLiteral("true")
                                                           : QStringLiteral("false"),
                                csvField(comparison.verdict)}
                        .join(QLatin1Char(','));
    write(QStringLiteral("fairness.csv"),
          (fairness.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8());

    write(QStringLiteral("confusion_matrix.png"), png(confusionMatrixChart(analysis.confusion)));
    write(QStringLiteral("per_digit_recall.png"),
          png(groupMetricChart(analysis.digits, Metric::Recall,
                               QStringLiteral("Recall per digit (95% CI)"))));
    std::vector<GroupMetrics> slices = analysis.sliceMetrics;
    for (std::size_t i = 0; i < slices.size(); ++i) // short labels under the bars: "slant Q2"
        slices[i].name = QStringLiteral("%1 %2").arg(styleFeatureKey(analysis.slices[i].feature),
                                                     analysis.slices[i].quantiles());
    write(QStringLiteral("style_accuracy.png"),
          png(groupMetricChart(slices, Metric::Accuracy,
                               QStringLiteral("Accuracy per handwriting-style slice (95% CI)"))));
    write(QStringLiteral("reliability.png"), png(reliabilityChart(analysis.reliability)));
    std::vector<QString> digits;
    std::vector<int> counts;
    for (int digit = 0; digit < kClassCount; ++digit) {
        digits.push_back(QString::number(digit));
        counts.push_back(analysis.classCounts[std::size_t(digit)]);
    }
    write(QStringLiteral("class_counts.png"),
          png(countChart(digits, counts, QStringLiteral("Samples per digit"))));
    return written;
}

} // namespace digitpad
