// The Labels page as a user meets it: audit, see the swapped digit first, mark it, and find the
// mark again after a restart; double-click sends it to the Draw tab; a click shows it large with
// its look-alikes; the user's own samples are fixed or deleted in their files.
//
// Every test audits the same digits with the same options, so only the first trains: the others
// read the audit from the cache, personal samples included (the audit knows data by content).
#include "clearest_digit.h"
#include "digit_picture.h"
#include "idx_file.h"
#include "label_marks.h"
#include "labels_page.h"
#include "personal_samples.h"
#include "suspect_view.h"
#include "training_data.h"

#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <numeric>

using namespace digitpad;

namespace {
QListWidgetItem *itemOfSample(QListWidget *list, int index) {
    for (int row = 0; row < list->count(); ++row)
        if (list->item(row)->toolTip().startsWith(QStringLiteral("sample %1:").arg(index)))
            return list->item(row);
    return nullptr;
}

void click(QListWidget *list, QListWidgetItem *item) {
    list->scrollToItem(item);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(item).center());
}

std::int64_t pixelDistance(const Dataset &data, int one, int other) {
    std::int64_t distance = 0;
    for (int p = 0; p < kImagePixels; ++p) {
        const std::int64_t difference = int(data.image(one)[p]) - int(data.image(other)[p]);
        distance += difference * difference;
    }
    return distance;
}

// The sample nearest to `index` by pixels, whatever its label.
int nearestOf(const Dataset &data, int index) {
    int nearest = -1;
    std::int64_t nearestDistance = 0;
    for (int k = 0; k < data.size(); ++k) {
        const std::int64_t distance = k == index ? -1 : pixelDistance(data, index, k);
        if (distance >= 0 && (nearest < 0 || distance < nearestDistance)) {
            nearest = k;
            nearestDistance = distance;
        }
    }
    return nearest;
}

QPushButton *buttonNamed(const QWidget &page, const QString &text) {
    for (QPushButton *button : page.findChildren<QPushButton *>())
        if (button->text() == text)
            return button;
    return nullptr;
}

// Every sample of `data` but `index`.
Dataset without(const Dataset &data, int index) {
    std::vector<int> kept(std::size_t(data.size()));
    std::iota(kept.begin(), kept.end(), 0);
    kept.erase(kept.begin() + index);
    return data.subset(kept);
}
} // namespace

class LabelsPageTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_folders;
    Dataset m_data;
    int m_seven = -1; // the 7 labelled 1
    LabelAuditOptions m_options;

    // A page on its own marks file, shown, with m_data (or the personal samples in
    // `personalFolder`, which hold it) audited.
    bool showAudited(LabelsPage &page, const QString &personalFolder = QString()) {
        page.setAuditOptions(m_options);
        page.resize(800, 560);
        page.show();
        if (!QTest::qWaitForWindowExposed(&page))
            return false;
        page.setSubject(personalFolder.isEmpty() ? m_data
                                                 : PersonalSamples(personalFolder).samples(),
                        personalFolder);
        QSignalSpy audited(&page, &LabelsPage::audited);
        return page.audit() && audited.wait(120000);
    }

    // A personal store holding m_data, as the Draw tab keeps one.
    QString personalStore(const QString &name) {
        QString folder = m_folders.filePath(name);
        writeIdxImages(folder + QStringLiteral("/personal-images-idx3-ubyte"),
                       IdxImages{m_data.size(), kImageSide, kImageSide, m_data.pixels});
        writeIdxLabels(folder + QStringLiteral("/personal-labels-idx1-ubyte"),
                       IdxLabels{m_data.labels});
        return folder;
    }

  private Q_SLOTS:
    void initTestCase() {
        m_data = prepareTrainingData(QString(), 0.1, 1, 1600).train;
        // The 7 the default model reads most surely, labelled 1.
        m_seven = testing::clearestOf(m_data, 7);
        QVERIFY(m_seven >= 0);
        m_data.labels[std::size_t(m_seven)] = 1;
        m_options.folds = 2;
        m_options.digitsSeenPerFold = 6000;
        m_options.cacheFolder = m_folders.filePath("cache");
    }

    void auditsMarksAndRemembers() {
        const QString marks = m_folders.filePath("label-marks.json");
        LabelsPage page(nullptr, marks);
        QVERIFY(showAudited(page));
        QListWidget *list = page.suspectList();
        QVERIFY(list->count() > 0);
        // Among the very first (MNIST has wrong labels of its own, as sure as this one).
        QListWidgetItem *first = itemOfSample(list, m_seven);
        QVERIFY2(first && list->row(first) < 3, qPrintable(list->item(0)->toolTip()));
        QVERIFY2(first->text().startsWith(QStringLiteral("1 → 7")), qPrintable(first->text()));

        first->setSelected(true);
        QVERIFY(page.markSelected(LabelMarks::Verdict::Wrong));
        QVERIFY(first->text().contains(QStringLiteral("marked wrong")));
        QCOMPARE(LabelMarks(marks).verdict(m_data.fingerprint(), m_seven),
                 LabelMarks::Verdict::Wrong);

        QSignalSpy chosen(&page, &LabelsPage::sampleChosen);
        const QRect box = list->visualItemRect(first);
        // A double click comes after a first click, as a pen or mouse delivers it.
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, box.center());
        QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, box.center());
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.front().front().value<QImage>().size(), QSize(28, 28));

        // A new evaluation while an audit runs: the audit of the old data is dropped, never
        // shown over the new data's digits.
        QVERIFY(page.audit());
        std::vector<int> few(50);
        std::iota(few.begin(), few.end(), 0);
        page.setSubject(m_data.subset(few));
        QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy(), 60000);
        QCOMPARE(list->count(), 0);
        QVERIFY(!page.lastAudit());

        // Another page on the same marks (the app restarted): the audit comes from the cache and
        // the mark is still there.
        LabelsPage again(nullptr, marks);
        again.setAuditOptions(m_options);
        again.setSubject(m_data);
        QSignalSpy auditedAgain(&again, &LabelsPage::audited);
        QVERIFY(again.audit());
        QVERIFY(auditedAgain.wait(10000));
        const QList<QListWidgetItem *> marked =
            again.suspectList()->findItems(QStringLiteral("marked wrong"), Qt::MatchContains);
        QCOMPARE(marked.size(), 1);
        QVERIFY(marked.front()->toolTip().startsWith(QStringLiteral("sample %1:").arg(m_seven)));
    }

    void clickingASuspectShowsItLargeWithItsLookAlikes() {
        LabelsPage page(nullptr, m_folders.filePath("look-alikes-marks.json"));
        QVERIFY(showAudited(page));
        QVERIFY(!page.relabelField()->isVisible()); // MNIST's digits are not the user's to fix
        QListWidget *list = page.suspectList();
        QListWidgetItem *seven = itemOfSample(list, m_seven);
        QVERIFY(seven);
        click(list, seven);

        const SuspectView *view = page.suspectView();
        QCOMPARE(
            view->digitLabel()->pixmap().toImage(),
            QPixmap::fromImage(digitPicture(m_data.image(m_seven)).scaled(168, 168)).toImage());
        const std::vector<int> &alikes = view->lookAlikes();
        QVERIFY(alikes.size() >= 3);
        std::int64_t farthestShown = 0;
        for (std::size_t k = 0; k < alikes.size(); ++k) {
            const QLabel *picture = view->lookAlikeLabels()[int(k)];
            QVERIFY(picture->isVisible() && !picture->pixmap().isNull());
            QCOMPARE(int(m_data.labels[std::size_t(alikes[k])]), 7); // the suggested digit
            QCOMPARE(picture->toolTip(), QStringLiteral("sample %1, labelled 7").arg(alikes[k]));
            const std::int64_t distance = pixelDistance(m_data, m_seven, alikes[k]);
            QVERIFY(distance >= farthestShown); // nearest first
            farthestShown = distance;
        }
        for (int k = 0; k < m_data.size(); ++k) // no 7 left out is nearer than the last shown
            if (m_data.labels[std::size_t(k)] == 7 &&
                std::find(alikes.begin(), alikes.end(), k) == alikes.end())
                QVERIFY(pixelDistance(m_data, m_seven, k) >= farthestShown);

        // A suspect whose nearest digit of all is labelled otherwise than it reads (its own
        // label, often): the look-alikes are still of the digit it reads as.
        QListWidgetItem *mixed = nullptr;
        for (int row = 0; row < list->count() && !mixed; ++row) {
            const LabelSuspect &suspect = page.lastAudit()->suspects[std::size_t(row)];
            if (m_data.labels[std::size_t(nearestOf(m_data, suspect.index))] != suspect.suggested)
                mixed = list->item(row);
        }
        QVERIFY(mixed);
        click(list, mixed);
        const LabelSuspect &suspect = page.lastAudit()->suspects[std::size_t(list->row(mixed))];
        QVERIFY(!view->lookAlikes().empty());
        for (const int alike : view->lookAlikes())
            QCOMPARE(int(m_data.labels[std::size_t(alike)]), suspect.suggested);
    }

    void fixingAPersonalLabelRewritesItsFileAndKeepsTheRest() {
        const QString folder = personalStore(QStringLiteral("fix"));
        const QString marks = m_folders.filePath("fix-marks.json");
        LabelsPage page(nullptr, marks);
        QVERIFY(showAudited(page, folder));
        QListWidget *list = page.suspectList();
        QVERIFY(page.fixLabelButton()->isVisible());
        QVERIFY(!page.fixLabelButton()->isEnabled()); // nothing chosen yet

        // A verdict on another sample first: it must outlive the fix.
        QListWidgetItem *fine = list->item(list->row(itemOfSample(list, m_seven)) == 0 ? 1 : 0);
        const int fineIndex = fine->data(Qt::UserRole).toInt();
        click(list, fine);
        QTest::mouseClick(buttonNamed(page, QStringLiteral("Label Is F&ine")), Qt::LeftButton);
        QVERIFY(fine->text().contains(QStringLiteral("marked fine")));

        click(list, itemOfSample(list, m_seven));
        QCOMPARE(page.relabelField()->currentText(), QStringLiteral("7")); // what it reads as
        QSignalSpy edited(&page, &LabelsPage::personalSamplesEdited);
        QTest::mouseClick(page.fixLabelButton(), Qt::LeftButton);
        QCOMPARE(edited.count(), 1);

        Dataset expected = m_data;
        expected.labels[std::size_t(m_seven)] = 7;
        const Dataset stored = PersonalSamples(folder).samples();
        QCOMPARE(stored.labels, expected.labels);
        QVERIFY(stored.pixels == expected.pixels);
        QVERIFY(!itemOfSample(list, m_seven)); // settled
        QVERIFY(itemOfSample(list, fineIndex)->text().contains(QStringLiteral("marked fine")));
        QCOMPARE(LabelMarks(marks).verdict(expected.fingerprint(), fineIndex),
                 LabelMarks::Verdict::Fine);

        // The next suspect is chosen for judging; the user types the digit it really is.
        QListWidgetItem *next = list->currentItem();
        QVERIFY(next);
        const int nextIndex = next->data(Qt::UserRole).toInt();
        const int digit = (expected.labels[std::size_t(nextIndex)] + 1) % 10;
        QTest::keyClicks(page.relabelField(), QString::number(digit));
        QCOMPARE(page.relabelField()->currentText(), QString::number(digit));
        QTest::mouseClick(page.fixLabelButton(), Qt::LeftButton);
        expected.labels[std::size_t(nextIndex)] = std::uint8_t(digit);
        QCOMPARE(PersonalSamples(folder).samples().labels, expected.labels);
    }

    void deletingAPersonalSampleRemovesExactlyThatOne() {
        const QString folder = personalStore(QStringLiteral("delete"));
        const QString marks = m_folders.filePath("delete-marks.json");
        LabelsPage page(nullptr, marks);
        QVERIFY(showAudited(page, folder));
        QListWidget *list = page.suspectList();
        const int suspects = list->count();
        QVERIFY(suspects >= 3);
        // The 7 labelled 1 goes; a suspect further on in the data set moves up one, mark and all.
        int later = -1;
        for (int row = 0; row < list->count() && later < 0; ++row)
            if (list->item(row)->data(Qt::UserRole).toInt() > m_seven)
                later = list->item(row)->data(Qt::UserRole).toInt();
        QVERIFY(later > m_seven);
        click(list, itemOfSample(list, later));
        QTest::mouseClick(buttonNamed(page, QStringLiteral("Label Is Wro&ng")), Qt::LeftButton);

        click(list, itemOfSample(list, m_seven));
        QTest::mouseClick(page.deleteSampleButton(), Qt::LeftButton);

        const Dataset expected = without(m_data, m_seven);
        const Dataset stored = PersonalSamples(folder).samples();
        QCOMPARE(stored.size(), m_data.size() - 1);
        QCOMPARE(stored.labels, expected.labels);
        QVERIFY(stored.pixels == expected.pixels);
        QCOMPARE(list->count(), suspects - 1);
        QListWidgetItem *moved = itemOfSample(list, later - 1);
        QVERIFY(moved);
        QVERIFY(moved->text().contains(QStringLiteral("marked wrong")));
        // What the page shows is the data as it is now: the moved suspect's own picture.
        click(list, moved);
        QCOMPARE(page.suspectView()->digitLabel()->pixmap().toImage(),
                 QPixmap::fromImage(digitPicture(m_data.image(later)).scaled(168, 168)).toImage());
    }
};

QTEST_MAIN(LabelsPageTest)
#include "test_labels_page.moc"
