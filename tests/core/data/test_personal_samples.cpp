// The user's own samples change in place without losing anything: a relabel touches one label, a
// deletion removes exactly one sample, a crash in the middle of a deletion leaves every sample
// under its own label, and a change made through another store is never written over. Fixing a
// suspect from an audit keeps the user's verdicts on the other samples.
#include "error.h"
#include "idx_file.h"
#include "label_marks.h"
#include "personal_sample_fix.h"
#include "personal_samples.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace digitpad;
using Verdict = LabelMarks::Verdict;

namespace {
// Sample k: a dot at pixel 10 * k, so every sample is told apart by its picture.
ModelInput dotAt(int k) {
    ModelInput input{};
    input[std::size_t(k) * 10] = 1.0f;
    return input;
}

int dotOf(const Dataset &data, int index) {
    const std::uint8_t *image = data.image(index);
    for (int p = 0; p < kImagePixels; ++p)
        if (image[p] != 0)
            return p / 10;
    return -1;
}

// The store in `folder` with samples dotted 0..labels.size()-1, labelled `labels`.
Dataset storeWith(const QString &folder, const std::vector<int> &labels) {
    PersonalSamples store(folder);
    for (std::size_t k = 0; k < labels.size(); ++k)
        store.add(dotAt(int(k)), labels[k]);
    return store.samples();
}

// Each sample of `data` as (dot, label), in order.
QList<QPair<int, int>> contents(const Dataset &data) {
    QList<QPair<int, int>> samples;
    for (int k = 0; k < data.size(); ++k)
        samples.append({dotOf(data, k), int(data.labels[std::size_t(k)])});
    return samples;
}
} // namespace

class PersonalSamplesTest : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void relabellingChangesThatLabelOnly() {
        QTemporaryDir dir;
        storeWith(dir.path(), {3, 1, 4, 1});
        PersonalSamples(dir.path()).relabel(1, 7);
        QCOMPARE(contents(PersonalSamples(dir.path()).samples()),
                 (QList<QPair<int, int>>{{0, 3}, {1, 7}, {2, 4}, {3, 1}}));
    }

    void deletingRemovesExactlyThatSample() {
        QTemporaryDir dir;
        storeWith(dir.path(), {3, 1, 4, 1});
        PersonalSamples store(dir.path());
        store.remove(1);
        const QList<QPair<int, int>> expected{{0, 3}, {2, 4}, {3, 1}};
        QCOMPARE(contents(store.samples()), expected);
        QCOMPARE(contents(PersonalSamples(dir.path()).samples()), expected);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 2); // no pending change left
    }

    void outOfRangeChangesAreRefusedAndChangeNothing() {
        QTemporaryDir dir;
        storeWith(dir.path(), {3, 1});
        PersonalSamples store(dir.path());
        QVERIFY_THROWS_EXCEPTION(Error, store.relabel(2, 1));
        QVERIFY_THROWS_EXCEPTION(Error, store.relabel(0, 10));
        QVERIFY_THROWS_EXCEPTION(Error, store.remove(-1));
        QCOMPARE(contents(PersonalSamples(dir.path()).samples()),
                 (QList<QPair<int, int>>{{0, 3}, {1, 1}}));
    }

    // A deletion writes the new pair beside the store first (labels last, as its commit): a
    // crash before the commit loses nothing, one after it is finished at the next opening.
    void aDeletionCutShortLeavesEverySampleUnderItsOwnLabel() {
        QTemporaryDir dir;
        const Dataset all = storeWith(dir.path(), {3, 1, 4, 1});
        Dataset without = all;
        without.pixels.erase(without.pixels.begin() + kImagePixels,
                             without.pixels.begin() + std::ptrdiff_t(2) * kImagePixels);
        without.labels.erase(without.labels.begin() + 1);
        const IdxImages images{without.size(), kImageSide, kImageSide, without.pixels};

        writeIdxImages(dir.filePath("pending-change-images"), images); // the crash: no commit
        QCOMPARE(contents(PersonalSamples(dir.path()).samples()), contents(all));
        QVERIFY(!QFile::exists(dir.filePath("pending-change-images")));

        writeIdxImages(dir.filePath("pending-change-images"), images);
        writeIdxLabels(dir.filePath("pending-change-labels"), IdxLabels{without.labels});
        QCOMPARE(contents(PersonalSamples(dir.path()).samples()), contents(without));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 2);
        QCOMPARE(contents(PersonalSamples(dir.path()).samples()), contents(without));
    }

    // The Draw tab keeps its store open while the Labels page edits the same files.
    void aChangeMadeThroughAnotherStoreIsNotWrittenOver() {
        QTemporaryDir dir;
        storeWith(dir.path(), {3, 1, 4});
        PersonalSamples drawTab(dir.path());
        PersonalSamples(dir.path()).remove(0);
        PersonalSamples(dir.path()).relabel(0, 7);
        drawTab.add(dotAt(5), 9);
        QCOMPARE(contents(PersonalSamples(dir.path()).samples()),
                 (QList<QPair<int, int>>{{1, 7}, {2, 4}, {5, 9}}));
    }

    void fixingASuspectKeepsTheVerdictsOnTheOtherSamples() {
        QTemporaryDir dir;
        const Dataset audited = storeWith(dir.path(), {3, 1, 4, 1, 5});
        LabelMarks marks(dir.filePath("label-marks.json"));
        marks.mark(audited.fingerprint(), 0, Verdict::Fine);
        marks.mark(audited.fingerprint(), 1, Verdict::Wrong);
        marks.mark(audited.fingerprint(), 3, Verdict::Wrong);
        marks.mark(audited.fingerprint(), 4, Verdict::Fine);

        const Dataset relabelled = fixPersonalLabel(dir.path(), audited, 1, 7, marks);
        QCOMPARE(contents(relabelled), contents(PersonalSamples(dir.path()).samples()));
        QCOMPARE(relabelled.labels[1], std::uint8_t(7));
        const LabelMarks afterFix(dir.filePath("label-marks.json"));
        QCOMPARE(afterFix.verdict(relabelled.fingerprint(), 0), Verdict::Fine);
        QCOMPARE(afterFix.verdict(relabelled.fingerprint(), 1), Verdict::Unmarked); // decided
        QCOMPARE(afterFix.verdict(relabelled.fingerprint(), 3), Verdict::Wrong);

        const Dataset deleted = deletePersonalSample(dir.path(), relabelled, 2, marks);
        QCOMPARE(contents(deleted), (QList<QPair<int, int>>{{0, 3}, {1, 7}, {3, 1}, {4, 5}}));
        QCOMPARE(contents(PersonalSamples(dir.path()).samples()), contents(deleted));
        const LabelMarks afterDelete(dir.filePath("label-marks.json"));
        QCOMPARE(afterDelete.verdict(deleted.fingerprint(), 0), Verdict::Fine);
        QCOMPARE(afterDelete.verdict(deleted.fingerprint(), 2), Verdict::Wrong); // was 3
        QCOMPARE(afterDelete.verdict(deleted.fingerprint(), 3), Verdict::Fine);  // was 4
    }

    void aStoreChangedSinceTheAuditIsNotEditedAtTheWrongPlace() {
        QTemporaryDir dir;
        const Dataset audited = storeWith(dir.path(), {3, 1, 4});
        PersonalSamples(dir.path()).remove(0); // in another window
        LabelMarks marks(dir.filePath("label-marks.json"));
        QVERIFY_THROWS_EXCEPTION(Error, fixPersonalLabel(dir.path(), audited, 1, 7, marks));
        QVERIFY_THROWS_EXCEPTION(Error, deletePersonalSample(dir.path(), audited, 1, marks));
        QCOMPARE(contents(PersonalSamples(dir.path()).samples()),
                 (QList<QPair<int, int>>{{1, 1}, {2, 4}}));
        // Samples added since are no obstacle: the audited ones kept their places.
        PersonalSamples(dir.path()).add(dotAt(6), 2);
        const Dataset now = PersonalSamples(dir.path()).samples();
        Dataset first = now;
        first.pixels.resize(std::size_t(2) * kImagePixels);
        first.labels.resize(2);
        const Dataset fixed = fixPersonalLabel(dir.path(), first, 0, 7, marks);
        QCOMPARE(contents(fixed), (QList<QPair<int, int>>{{1, 7}, {2, 4}}));
        QCOMPARE(contents(PersonalSamples(dir.path()).samples()),
                 (QList<QPair<int, int>>{{1, 7}, {2, 4}, {6, 2}}));
    }
};

QTEST_APPLESS_MAIN(PersonalSamplesTest)
#include "test_personal_samples.moc"
