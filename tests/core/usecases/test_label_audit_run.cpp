// A data set with three labels swapped on purpose: the audit finds all three among its first
// suspects, and a second audit of the same data comes from the cache.
#include "clearest_digit.h"
#include "error.h"
#include "label_audit_run.h"
#include "mnist.h"
#include "training_data.h"

#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <numeric>

using namespace digitpad;

class LabelAuditRunTest : public QObject {
    Q_OBJECT
    Dataset m_data;
    std::vector<int> m_swapped;

    // Fewer digits seen per fold than a real audit: enough for 1,440 digits.
    static LabelAuditOptions quick() {
        LabelAuditOptions options;
        options.digitsSeenPerFold = 8000;
        return options;
    }

  private Q_SLOTS:
    void initTestCase() {
        m_data = prepareTrainingData(QString(), 0.1, 1, 1600).train;
        // A clear 7 labelled 1, a clear 0 labelled 6 and a clear 3 labelled 5: clear as the
        // default model judges, which never saw these labels changed.
        const std::pair<int, int> swaps[] = {{7, 1}, {0, 6}, {3, 5}};
        for (const auto &[given, wrong] : swaps) {
            const int clearest = testing::clearestOf(m_data, given);
            QVERIFY(clearest >= 0);
            m_data.labels[std::size_t(clearest)] = std::uint8_t(wrong);
            m_swapped.push_back(clearest);
        }
    }

    void findsTheSwappedLabelsFirstAndCachesTheProbabilities() {
        QTemporaryDir cache;
        LabelAuditOptions options = quick();
        options.cacheFolder = cache.path();
        int folds = 0;
        LabelAuditCallbacks callbacks;
        callbacks.onFoldStarted = [&folds](int fold, int count) {
            QCOMPARE(fold, folds + 1);
            QCOMPARE(count, 4);
            folds = fold;
        };
        const LabelAuditRun run = auditDatasetLabels(m_data, options, callbacks);
        QCOMPARE(folds, 4);
        QVERIFY(!run.fromCache && !run.stopped);
        const auto &suspects = run.audit.suspects;
        const std::size_t first = std::min<std::size_t>(10, suspects.size());
        for (const int index : m_swapped) {
            const auto found =
                std::find_if(suspects.begin(), suspects.begin() + long(first),
                             [index](const LabelSuspect &s) { return s.index == index; });
            QVERIFY2(found != suspects.begin() + long(first),
                     qPrintable(QStringLiteral("sample %1 is not among the first %2 of %3 suspects")
                                    .arg(index)
                                    .arg(first)
                                    .arg(suspects.size())));
            QCOMPARE(found->suggested, int(m_data.labels[std::size_t(index)]) == 1   ? 7
                                       : int(m_data.labels[std::size_t(index)]) == 6 ? 0
                                                                                     : 3);
        }

        const LabelAuditRun again = auditDatasetLabels(m_data, options);
        QVERIFY(again.fromCache);
        QCOMPARE(int(again.audit.suspects.size()), int(suspects.size()));
        QCOMPARE(again.audit.suspects.front().index, suspects.front().index);
    }

    // A damaged cache file is ignored, never trusted.
    void aDamagedCacheIsComputedAgain() {
        QTemporaryDir cache;
        LabelAuditOptions options = quick();
        options.cacheFolder = cache.path();
        options.folds = 2;
        options.digitsSeenPerFold = 2000; // any probabilities will do: the file is damaged next
        const LabelAuditRun run = auditDatasetLabels(m_data, options);
        const QStringList files = QDir(cache.path()).entryList(QDir::Files);
        QCOMPARE(files.size(), 1);
        QFile file(cache.filePath(files.front()));
        QVERIFY(file.open(QIODevice::ReadWrite));
        file.write(QByteArray(64, char(0xff))); // NaNs
        file.close();
        QVERIFY(!auditDatasetLabels(m_data, options).fromCache);
        Q_UNUSED(run);
    }

    // A user's own samples are few: a clear 7 saved as a 1 among 60 of them is still the first
    // suspect (the folds' networks learn digits from MNIST's training set as well).
    void aSevenSavedAsAOneAmongFewSamplesIsTheFirstSuspect() {
        std::vector<int> first(60);
        std::iota(first.begin(), first.end(), 0);
        Dataset personal = loadMnistTest().subset(first); // never among MNIST's training digits
        const int seven = testing::clearestOf(personal, 7);
        QVERIFY(seven >= 0);
        personal.labels[std::size_t(seven)] = 1;
        LabelAuditOptions options = quick();
        options.folds = 2;
        options.backgroundDigits = 3000;
        const LabelAuditRun run = auditDatasetLabels(personal, options);
        QVERIFY(!run.audit.suspects.empty());
        QCOMPARE(run.audit.suspects.front().index, seven);
        QCOMPARE(run.audit.suspects.front().suggested, 7);
    }

    void stopsWhenAsked() {
        LabelAuditCallbacks callbacks;
        callbacks.shouldStop = [] { return true; };
        const LabelAuditRun run = auditDatasetLabels(m_data, {}, callbacks);
        QVERIFY(run.stopped);
        QVERIFY(run.audit.suspects.empty());
    }

    void refusesTooFewSamplesOrFolds() {
        LabelAuditOptions options;
        options.folds = 1;
        QVERIFY_THROWS_EXCEPTION(Error, auditDatasetLabels(m_data, options));
        QVERIFY_THROWS_EXCEPTION(Error, auditDatasetLabels(m_data.subset({0, 1, 2}), {}));
    }
};

QTEST_GUILESS_MAIN(LabelAuditRunTest)
#include "test_label_audit_run.moc"
