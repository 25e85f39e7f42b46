#include "confusion_matrix.h"

#include <QJsonArray>
#include <QtTest>

using namespace digitpad;

class ConfusionMatrixTest : public QObject {
    Q_OBJECT

    // Worked by hand: true  0 0 0 1 1 2 2 2 2
    //                 pred  0 0 1 1 2 2 2 0 1
    static ConfusionMatrix handCase(int classes) {
        ConfusionMatrix matrix(classes);
        const int truth[] = {0, 0, 0, 1, 1, 2, 2, 2, 2};
        const int predicted[] = {0, 0, 1, 1, 2, 2, 2, 0, 1};
        for (int i = 0; i < 9; ++i)
            matrix.add(truth[i], predicted[i]);
        return matrix;
    }

  private Q_SLOTS:
    void countsMatchTheHandWorkedCase() {
        const ConfusionMatrix matrix = handCase(3);
        const int expected[3][3] = {{2, 1, 0}, {0, 1, 1}, {1, 1, 2}};
        for (int t = 0; t < 3; ++t)
            for (int p = 0; p < 3; ++p)
                QCOMPARE(matrix.count(t, p), expected[t][p]);
        QCOMPARE(matrix.total(), 9);
        QCOMPARE(matrix.correct(), 5);
        QCOMPARE(*matrix.accuracy(), 5.0 / 9.0);
    }

    void perClassMetricsMatchTheHandWorkedCase_data() {
        QTest::addColumn<int>("digit");
        QTest::addColumn<int>("support");
        QTest::addColumn<double>("precision");
        QTest::addColumn<double>("recall");
        QTest::addColumn<double>("f1");
        QTest::newRow("0") << 0 << 3 << 2.0 / 3 << 2.0 / 3 << 2.0 / 3;
        QTest::newRow("1") << 1 << 2 << 1.0 / 3 << 1.0 / 2 << 0.4;
        QTest::newRow("2") << 2 << 4 << 2.0 / 3 << 1.0 / 2 << 4.0 / 7;
    }
    void perClassMetricsMatchTheHandWorkedCase() {
        QFETCH(int, digit);
        QFETCH(int, support);
        QFETCH(double, precision);
        QFETCH(double, recall);
        QFETCH(double, f1);
        const ClassMetrics metrics = handCase(3).metricsFor(digit);
        QCOMPARE(metrics.support, support);
        QVERIFY(qFuzzyCompare(*metrics.precision, precision));
        QVERIFY(qFuzzyCompare(*metrics.recall, recall));
        QVERIFY(qFuzzyCompare(*metrics.f1, f1));
    }

    void classWithNoSupportHasNoRecallInsteadOfDividingByZero() {
        const ConfusionMatrix matrix = handCase(4); // class 3 never occurs
        const ClassMetrics metrics = matrix.metricsFor(3);
        QCOMPARE(metrics.support, 0);
        QVERIFY(!metrics.recall.has_value());
        QVERIFY(!metrics.precision.has_value());
        QVERIFY(!metrics.f1.has_value());
        const QJsonObject json = matrix.toJson();
        QVERIFY(json["per_class"].toArray()[3].toObject()["recall"].isNull());
    }

    void predictedButAbsentClassHasZeroPrecisionAndNoRecall() {
        ConfusionMatrix matrix(3);
        matrix.add(0, 2);
        matrix.add(0, 0);
        const ClassMetrics metrics = matrix.metricsFor(2);
        QCOMPARE(*metrics.precision, 0.0);
        QVERIFY(!metrics.recall.has_value());
    }

    void emptyMatrixHasNoAccuracy() { QVERIFY(!ConfusionMatrix(10).accuracy().has_value()); }

    void jsonRowsAreTrueClasses() {
        const QJsonObject json = handCase(3).toJson();
        QCOMPARE(json["matrix"].toArray()[2].toArray()[0].toInt(), 1);
        QCOMPARE(json["matrix"].toArray()[0].toArray()[1].toInt(), 1);
        QCOMPARE(json["matrix"].toArray()[0].toArray()[2].toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(ConfusionMatrixTest)
#include "test_confusion_matrix.moc"
