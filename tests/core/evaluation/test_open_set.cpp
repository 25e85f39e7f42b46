// The open-set curve, checked against cases worked out by hand.
#include "error.h"
#include "open_set.h"

#include <QJsonArray>
#include <QtTest>

using namespace digitpad;

class OpenSetTest : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    // Digits 0.1, 0.5, 2.0; non-digits 0.5, 3.0. Of the six pairs the non-digit scores higher in
    // 0.5>0.1, 3.0>0.1, 3.0>0.5, 3.0>2.0 and ties in 0.5=0.5: (4 + 0.5) / 6 = 0.75.
    void theAreaIsTheChanceANonDigitScoresAboveADigit() {
        const OpenSetCurve curve = openSetCurve({2.0f, 0.1f, 0.5f}, {3.0f, 0.5f});
        QCOMPARE(curve.digits, 3);
        QCOMPARE(curve.nonDigits, 2);
        QCOMPARE(curve.area, 0.75);
        // At the model's threshold (score 1): the digit at 2.0, the non-digit at 3.0.
        QCOMPARE(curve.atModelThreshold.digitsRejected, 1.0 / 3);
        QCOMPARE(curve.atModelThreshold.nonDigitsRejected, 0.5);
    }

    void theCurveRunsFromRejectingEverythingToRejectingNothing() {
        const OpenSetCurve curve = openSetCurve({2.0f, 0.1f, 0.5f}, {3.0f, 0.5f});
        // Thresholds 0.1 (all), 0.5 (two digits, both non-digits), 2.0 (one digit, one
        // non-digit), then past 2.0 (no digit, the 3.0).
        QCOMPARE(curve.points.size(), std::size_t(4));
        QCOMPARE(curve.points.front().digitsRejected, 1.0);
        QCOMPARE(curve.points.front().nonDigitsRejected, 1.0);
        QCOMPARE(curve.points[1].digitsRejected, 2.0 / 3);
        QCOMPARE(curve.points[1].nonDigitsRejected, 1.0);
        QCOMPARE(curve.points[2].digitsRejected, 1.0 / 3);
        QCOMPARE(curve.points[2].nonDigitsRejected, 0.5);
        QCOMPARE(curve.points.back().digitsRejected, 0.0);
        QCOMPARE(curve.points.back().nonDigitsRejected, 0.5);
        const QJsonObject json = curve.toJson();
        QCOMPARE(json.value("curve").toArray().size(), 4);
        QCOMPARE(json.value("area").toDouble(), 0.75);
    }

    void perfectSeparationHasAreaOne() {
        const OpenSetCurve curve = openSetCurve({0.1f, 0.2f}, {5.0f, 6.0f, 7.0f});
        QCOMPARE(curve.area, 1.0);
        QCOMPARE(curve.atModelThreshold.nonDigitsRejected, 1.0);
        QCOMPARE(curve.atModelThreshold.digitsRejected, 0.0);
    }

    void manyDigitsGiveAtMostTheAskedNumberOfPoints() {
        std::vector<float> digits, nonDigits{10.0f};
        for (int i = 0; i < 5000; ++i)
            digits.push_back(float(i) / 1000);
        const OpenSetCurve curve = openSetCurve(digits, nonDigits, 51);
        QVERIFY(curve.points.size() <= 52);
        for (std::size_t i = 1; i < curve.points.size(); ++i)
            QVERIFY(curve.points[i].digitsRejected < curve.points[i - 1].digitsRejected);
    }

    void emptyListsAreAnError() {
        QVERIFY_THROWS_EXCEPTION(Error, openSetCurve({}, {1.0f}));
        QVERIFY_THROWS_EXCEPTION(Error, openSetCurve({1.0f}, {}));
    }
};

QTEST_APPLESS_MAIN(OpenSetTest)
#include "test_open_set.moc"
