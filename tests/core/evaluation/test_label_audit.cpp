// Confident learning against a case worked out by hand.
#include "error.h"
#include "label_audit.h"

#include <QtTest>

using namespace digitpad;

namespace {
std::array<float, kClassCount> twoDigits(float zero, float one) {
    std::array<float, kClassCount> p{};
    p[0] = zero;
    p[1] = one;
    return p;
}
} // namespace

class LabelAuditTest : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void findsTheConfidentlyMislabelledSamplesMostSuspiciousFirst() {
        // Thresholds: 0s (0.9 + 0.8 + 0.1) / 3 = 0.6; 1s (0.8 + 0.9 + 0.7 + 0.3) / 4 = 0.675.
        // Sample 2, labelled 0, reaches the 1s' threshold (0.9) and not the 0s' (0.1): a suspect,
        // score 0.9 - 0.1. Sample 6, labelled 1, reaches the 0s' (0.7) and not the 1s' (0.3):
        // score 0.4. Sample 5 (0.3, 0.7) reaches only its own.
        const std::vector<std::array<float, kClassCount>> probabilities = {
            twoDigits(0.9f, 0.1f), twoDigits(0.8f, 0.2f), twoDigits(0.1f, 0.9f),
            twoDigits(0.2f, 0.8f), twoDigits(0.1f, 0.9f), twoDigits(0.3f, 0.7f),
            twoDigits(0.7f, 0.3f)};
        const std::vector<std::uint8_t> labels = {0, 0, 0, 1, 1, 1, 1};
        const LabelAudit audit = auditLabels(probabilities, labels);
        QVERIFY(std::abs(audit.thresholds[0] - 0.6) < 1e-6);
        QVERIFY(std::abs(audit.thresholds[1] - 0.675) < 1e-6);
        QCOMPARE(audit.thresholds[2], 1.0); // no sample is labelled 2
        QCOMPARE(audit.confidentJoint[0][0], 2);
        QCOMPARE(audit.confidentJoint[0][1], 1);
        QCOMPARE(audit.confidentJoint[1][1], 3);
        QCOMPARE(audit.confidentJoint[1][0], 1);
        QCOMPARE(int(audit.suspects.size()), 2);
        QCOMPARE(audit.confidentSuspects, 2);
        const LabelSuspect &first = audit.suspects[0], &second = audit.suspects[1];
        QCOMPARE(first.index, 2);
        QCOMPARE(first.label, 0);
        QCOMPARE(first.suggested, 1);
        QVERIFY(std::abs(first.selfConfidence - 0.1) < 1e-6);
        QVERIFY(std::abs(first.score - 0.8) < 1e-6);
        QCOMPARE(second.index, 6);
        QCOMPARE(second.suggested, 0);
        QVERIFY(std::abs(second.score - 0.4) < 1e-6);
    }

    // Sample 1, labelled 0, reads likelier as a 1 (0.55) but reaches neither threshold (0s:
    // (0.9 + 0.45) / 2 = 0.675; 1s: 0.8): it follows the confident suspects, marked as not
    // confident, with score 0.55 - 0.45.
    void samplesReadAsAnotherDigitFollowTheConfidentOnes() {
        const LabelAudit audit = auditLabels(
            {twoDigits(0.9f, 0.1f), twoDigits(0.45f, 0.55f), twoDigits(0.2f, 0.8f)}, {0, 0, 1});
        QCOMPARE(audit.confidentSuspects, 0);
        QCOMPARE(int(audit.suspects.size()), 1);
        QCOMPARE(audit.suspects[0].index, 1);
        QCOMPARE(audit.suspects[0].suggested, 1);
        QVERIFY(!audit.suspects[0].confident);
        QVERIFY(std::abs(audit.suspects[0].score - 0.1) < 1e-6);
    }

    void rowsAndLabelsMustMatch() {
        QVERIFY_THROWS_EXCEPTION(Error, auditLabels({twoDigits(1, 0)}, {0, 1}));
        QVERIFY_THROWS_EXCEPTION(Error, auditLabels({twoDigits(1, 0)}, {10}));
    }
};

QTEST_APPLESS_MAIN(LabelAuditTest)
#include "test_label_audit.moc"
