#include "analysis_summary.h"

#include <QLocale>
#include <QObject>

QString analysisSummary(const digitpad::Analysis &analysis, double thresholdPoints) {
    int over = 0;
    for (const auto &comparison : analysis.fairness(thresholdPoints / 100.0))
        over += !comparison.withinThreshold;
    const digitpad::GroupMetrics *worstSlice = analysis.worstSlice();
    const auto recall = digitpad::compareGroups(analysis.digits, QStringLiteral("digit"),
                                                digitpad::Metric::Recall, thresholdPoints / 100.0);
    QString text =
        QObject::tr("<b>%1</b> on %2 samples of %3: accuracy <b>%4%</b>, calibration error %5%.")
            .arg(analysis.modelSummary)
            .arg(QLocale().toString(qlonglong(analysis.outcomes.size())), analysis.datasetName)
            .arg(analysis.accuracy * 100, 0, 'f', 2)
            .arg(analysis.calibrationError.value_or(0) * 100, 0, 'f', 2);
    if (recall)
        text += QObject::tr(" Worst digit by recall: <b>%1</b> (%2%, %3 points below digit %4).")
                    .arg(recall->worst)
                    .arg(recall->worstValue * 100, 0, 'f', 1)
                    .arg(recall->difference * 100, 0, 'f', 1)
                    .arg(recall->best);
    if (worstSlice)
        text += QObject::tr(" Worst handwriting style: <b>%1</b> (%2%).")
                    .arg(worstSlice->name)
                    .arg(*(*worstSlice)[digitpad::Metric::Accuracy].value * 100, 0, 'f', 1);
    text += over == 0
                ? QObject::tr(" Every gap is within the %1-point threshold.").arg(thresholdPoints)
                : QObject::tr(" <span style='color:#b3261e'>%1 gap(s) exceed the %2-point "
                              "threshold.</span>")
                      .arg(over)
                      .arg(thresholdPoints);
    return text;
}
