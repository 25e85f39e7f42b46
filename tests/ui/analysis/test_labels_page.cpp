// The Labels page as a user meets it: audit, see the swapped digit first, mark it, and find the
// mark again after a restart; double-click sends it to the Draw tab.
#include "clearest_digit.h"
#include "label_marks.h"
#include "labels_page.h"
#include "training_data.h"

#include <QListWidget>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <numeric>

using namespace digitpad;

class LabelsPageTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_folders;

  private Q_SLOTS:
    void auditsMarksAndRemembers() {
        Dataset data = prepareTrainingData(QString(), 0.1, 1, 1600).train;
        // The 7 the default model reads most surely, labelled 1.
        const int seven = testing::clearestOf(data, 7);
        QVERIFY(seven >= 0);
        data.labels[std::size_t(seven)] = 1;

        const QString marks = m_folders.filePath("label-marks.json");
        LabelsPage page(nullptr, marks);
        LabelAuditOptions options;
        options.folds = 2;
        options.digitsSeenPerFold = 6000;
        options.cacheFolder = m_folders.filePath("cache");
        page.setAuditOptions(options);
        page.resize(700, 500);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.setSubject(data);
        QSignalSpy audited(&page, &LabelsPage::audited);
        QVERIFY(page.audit());
        QVERIFY(audited.wait(120000));
        QListWidget *list = page.suspectList();
        QVERIFY(list->count() > 0);
        // Among the very first (MNIST has wrong labels of its own, as sure as this one).
        QListWidgetItem *first = nullptr;
        for (int row = 0; row < std::min(3, list->count()) && !first; ++row)
            if (list->item(row)->toolTip().startsWith(QStringLiteral("sample %1:").arg(seven)))
                first = list->item(row);
        QVERIFY2(first, qPrintable(list->item(0)->toolTip()));
        QVERIFY2(first->text().startsWith(QStringLiteral("1 → 7")), qPrintable(first->text()));

        first->setSelected(true);
        QVERIFY(page.markSelected(LabelMarks::Verdict::Wrong));
        QVERIFY(first->text().contains(QStringLiteral("marked wrong")));
        QCOMPARE(LabelMarks(marks).verdict(data.fingerprint(), seven), LabelMarks::Verdict::Wrong);

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
        page.setSubject(data.subset(few));
        QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy(), 60000);
        QCOMPARE(list->count(), 0);
        QVERIFY(!page.lastAudit());

        // Another page on the same marks (the app restarted): the audit comes from the cache and
        // the mark is still there.
        LabelsPage again(nullptr, marks);
        again.setAuditOptions(options);
        again.setSubject(data);
        QSignalSpy auditedAgain(&again, &LabelsPage::audited);
        QVERIFY(again.audit());
        QVERIFY(auditedAgain.wait(10000));
        const QList<QListWidgetItem *> marked =
            again.suspectList()->findItems(QStringLiteral("marked wrong"), Qt::MatchContains);
        QCOMPARE(marked.size(), 1);
        QVERIFY(marked.front()->toolTip().startsWith(QStringLiteral("sample %1:").arg(seven)));
    }
};

QTEST_MAIN(LabelsPageTest)
#include "test_labels_page.moc"
