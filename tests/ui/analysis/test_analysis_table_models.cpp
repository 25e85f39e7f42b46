#include "analysis_table_models.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using namespace digitpad;

namespace {
GroupMetrics group(const QString &name, int support, double accuracy, double low, double high) {
    GroupMetrics metrics;
    metrics.name = name;
    metrics.support = support;
    metrics.metrics[std::size_t(Metric::Accuracy)] = {accuracy, low, high};
    metrics.metrics[std::size_t(Metric::MeanConfidence)] = {accuracy, std::nullopt, std::nullopt};
    return metrics;
}
} // namespace

// The Analysis tab's tables as item models, without a window: each is checked by Qt's own model
// tester, and its cells against values worked out by hand.
class AnalysisTableModelsTest : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void groupMetricsShowNameSupportAndIntervals() {
        GroupMetricsModel model(QStringLiteral("Slice"), {Metric::Accuracy, Metric::MeanConfidence,
                                                          Metric::CalibrationError});
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setGroups({group(QStringLiteral("thin"), 120, 0.975, 0.95, 0.99),
                         group(QStringLiteral("thick"), 80, 0.9, 0.85, 0.94)},
                        QStringLiteral("thick"));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), 5);
        QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("Slice"));
        QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), metricName(Metric::Accuracy));
        QCOMPARE(model.data(model.index(0, 0)).toString(), QStringLiteral("thin"));
        QCOMPARE(model.data(model.index(0, 1)).toInt(), 120);
        QCOMPARE(model.data(model.index(0, 2)).toString(), QStringLiteral("97.5% [95.0%, 99.0%]"));
        QCOMPARE(model.data(model.index(1, 3)).toString(), QStringLiteral("90.0%")); // no interval
        QCOMPARE(model.data(model.index(1, 4)).toString(), QStringLiteral("n/a"));   // undefined
        QVERIFY(!model.data(model.index(0, 0), Qt::BackgroundRole).isValid());
        QVERIFY(model.data(model.index(1, 0), Qt::BackgroundRole).isValid()); // the highlighted one
    }

    void fairnessRowsAreColouredByThreshold() {
        FairnessModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        FairnessComparison within;
        within.family = QStringLiteral("digit");
        within.metric = Metric::Recall;
        within.best = QStringLiteral("1");
        within.worst = QStringLiteral("9");
        within.bestValue = 0.995;
        within.worstValue = 0.9805;
        within.difference = 0.0145;
        within.ratio = 0.9805 / 0.995;
        within.verdict = QStringLiteral("within");
        FairnessComparison beyond = within;
        beyond.family = QStringLiteral("stroke thickness");
        beyond.worst = QStringLiteral("stroke thickness Q1 (thin)");
        beyond.withinThreshold = false;
        model.setComparisons({within, beyond});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.data(model.index(0, 2)).toString(), QStringLiteral("1.45 points"));
        QCOMPARE(model.data(model.index(0, 3)).toString(), QStringLiteral("0.985"));
        QCOMPARE(model.data(model.index(0, 4)).toString(), QStringLiteral("9 (98.05%)"));
        QCOMPARE(model.data(model.index(1, 4)).toString(), QStringLiteral("Q1 (thin) (98.05%)"));
        QVERIFY(model.data(model.index(0, 0), Qt::BackgroundRole) !=
                model.data(model.index(1, 0), Qt::BackgroundRole));
        QCOMPARE(model.data(model.index(1, 6), Qt::ToolTipRole).toString(),
                 QStringLiteral("within"));
        QCOMPARE(model.data(model.index(0, 6)).toString(), QStringLiteral("within"));
        QCOMPARE(model.data(model.index(1, 6)).toString(), QStringLiteral("beyond"));
    }
};

QTEST_MAIN(AnalysisTableModelsTest)
#include "test_analysis_table_models.moc"
