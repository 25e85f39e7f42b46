#include "dataset.h"
#include "mnist.h"
#include "split.h"

#include <QtTest>
#include <set>

using namespace digitpad;

class SplitTest : public QObject {
    Q_OBJECT
    std::vector<std::uint8_t> m_labels;

  private Q_SLOTS:
    void initTestCase() {
        // Unbalanced on purpose: class c has 50 + 30 * c samples.
        for (int c = 0; c < 10; ++c)
            for (int i = 0; i < 50 + 30 * c; ++i)
                m_labels.push_back(std::uint8_t(c));
    }

    void everyClassKeepsItsShareInValidation() {
        const Split split = stratifiedSplit(m_labels, 0.2, 7);
        std::array<int, 10> validationCounts{};
        for (int index : split.validation)
            ++validationCounts[m_labels[std::size_t(index)]];
        for (int c = 0; c < 10; ++c) {
            const double expected = 0.2 * (50 + 30 * c);
            QVERIFY2(
                std::abs(validationCounts[c] - expected) <= 0.5,
                qPrintable(
                    QString("class %1: %2 vs %3").arg(c).arg(validationCounts[c]).arg(expected)));
        }
    }

    void partsAreDisjointAndCoverEverySample() {
        const Split split = stratifiedSplit(m_labels, 0.1, 3);
        std::set<int> all(split.train.begin(), split.train.end());
        for (int index : split.validation)
            QVERIFY(all.insert(index).second);
        QCOMPARE(int(all.size()), int(m_labels.size()));
    }

    void sameSeedGivesSameSplitAndOtherSeedsDiffer() {
        const Split first = stratifiedSplit(m_labels, 0.1, 42);
        const Split again = stratifiedSplit(m_labels, 0.1, 42);
        const Split other = stratifiedSplit(m_labels, 0.1, 43);
        QVERIFY(first.validation == again.validation);
        QVERIFY(first.train == again.train);
        QVERIFY(first.validation != other.validation);
    }

    void splitOfTheMnistTrainingSetIsStratified() {
        const Dataset mnist = loadMnistTraining();
        const Split split = stratifiedSplit(mnist.labels, 0.1, 1);
        const auto counts = mnist.classCounts();
        const auto validationCounts = mnist.subset(split.validation).classCounts();
        for (int c = 0; c < 10; ++c)
            QVERIFY(std::abs(validationCounts[c] - 0.1 * counts[c]) <= 0.5);
    }
};

QTEST_GUILESS_MAIN(SplitTest)
#include "test_split.moc"
