#include "run_history.h"
#include "run_history_model.h"

#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>

#include <QAbstractItemModelTester>
#include <QFont>
#include <QSignalSpy>
#include <QtTest>

namespace {
const QDateTime kTrainedAt(QDate(2019, 12, 7), QTime(9, 5), Qt::UTC); // a year gone by

digitpad::SavedModel run(const QString &path, const QString &architecture, double accuracy,
                         double seconds, int samples, const QString &parent = {}) {
    digitpad::SavedModel saved;
    saved.path = path;
    saved.metadata.architecture = architecture;
    saved.metadata.validationAccuracy = accuracy;
    saved.metadata.trainSeconds = seconds;
    saved.metadata.trainSamples = samples;
    saved.metadata.parentModel = parent;
    saved.metadata.datasetName = QStringLiteral("MNIST training set");
    saved.metadata.createdAt = kTrainedAt;
    return saved;
}

bool isBold(const QAbstractItemModel &model, int row, int column) {
    return model.index(row, column).data(Qt::FontRole).value<QFont>().bold();
}
} // namespace

// The Train tab's list of earlier runs as an item model, without a window: checked by Qt's own
// model tester, and its cells against values worked out by hand.
class RunHistoryModelTest : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void cellsSayWhatEachRunWas() {
        RunHistoryModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setRuns(
            {run(QStringLiteral("/runs/b.dpmodel"), QStringLiteral("cnn"), 0.99333, 634.4, 54000),
             run(QStringLiteral("/runs/a.dpmodel"), QStringLiteral("quick"), 0.9871, 29.6, 120,
                 QStringLiteral("/runs/b.dpmodel"))});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(RunHistoryModel::ColumnCount));
        const auto cell = [&model](int row, int column) {
            return model.index(row, column).data().toString();
        };
        QCOMPARE(model.headerData(RunHistoryModel::Accuracy, Qt::Horizontal).toString(),
                 QStringLiteral("Validation"));
        QCOMPARE(cell(0, RunHistoryModel::Compare), QString());
        // A run of another year gives its year; one of this year leaves it out (the pane is
        // narrow).
        const QDateTime local = kTrainedAt.toLocalTime();
        QCOMPARE(cell(0, RunHistoryModel::Date),
                 local.toString(QStringLiteral("yyyy-MM-dd HH:mm")));
        QVERIFY(cell(0, RunHistoryModel::Date).startsWith(QStringLiteral("2019-12-0")));
        auto recent = run(QStringLiteral("/runs/c.dpmodel"), QStringLiteral("cnn"), 0.99, 60, 10);
        const QDateTime now = QDateTime::currentDateTime();
        recent.metadata.createdAt = now;
        RunHistoryModel thisYear;
        thisYear.setRuns({recent});
        QCOMPARE(thisYear.index(0, RunHistoryModel::Date).data().toString(),
                 now.toString(QStringLiteral("MM-dd HH:mm")));
        QCOMPARE(cell(0, RunHistoryModel::Architecture), QStringLiteral("cnn"));
        QCOMPARE(cell(1, RunHistoryModel::Architecture), QStringLiteral("quick (fine-tuned)"));
        QCOMPARE(cell(0, RunHistoryModel::Accuracy), QStringLiteral("99.33%"));
        QCOMPARE(cell(1, RunHistoryModel::Accuracy), QStringLiteral("98.71%"));
        QCOMPARE(cell(0, RunHistoryModel::Duration), QStringLiteral("10 min 34 s"));
        QCOMPARE(cell(1, RunHistoryModel::Duration), QStringLiteral("30 s"));
        QCOMPARE(cell(1, RunHistoryModel::Data), QLocale().toString(120));
        const QString tip = model.index(1, RunHistoryModel::Date).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("/runs/a.dpmodel")) &&
                     tip.contains(QStringLiteral("trained on MNIST training set, ") +
                                  local.toString(QStringLiteral("yyyy-MM-dd HH:mm"))) &&
                     tip.contains(QStringLiteral("fine-tuned from /runs/b.dpmodel")),
                 qPrintable(tip));
        QCOMPARE(model.index(1, RunHistoryModel::Data).data(RunHistoryModel::kPathRole).toString(),
                 QStringLiteral("/runs/a.dpmodel"));
        QCOMPARE(model.pathAt(2), QString()); // no such row
    }

    void theRunInUseReadsBold() {
        RunHistoryModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRuns(
            {run(QStringLiteral("/runs/b.dpmodel"), QStringLiteral("cnn"), 0.99, 60, 10),
             run(QStringLiteral("/runs/a.dpmodel"), QStringLiteral("cnn"), 0.98, 60, 10)});
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setCurrentPath(QStringLiteral("/runs/a.dpmodel"));
        QCOMPARE(changed.count(), 1);
        for (int column = 0; column < RunHistoryModel::ColumnCount; ++column) {
            QVERIFY(!isBold(model, 0, column));
            QVERIFY(isBold(model, 1, column));
        }
        model.setCurrentPath(QStringLiteral("/elsewhere.dpmodel")); // not listed: none is bold
        QVERIFY(!isBold(model, 0, RunHistoryModel::Date) &&
                !isBold(model, 1, RunHistoryModel::Date));
    }

    void ticksAreKeptPerFileAcrossNewLists() {
        RunHistoryModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto b = run(QStringLiteral("/runs/b.dpmodel"), QStringLiteral("cnn"), 0.99, 60, 10);
        const auto a = run(QStringLiteral("/runs/a.dpmodel"), QStringLiteral("mlp"), 0.98, 60, 10);
        model.setRuns({b, a});
        QSignalSpy comparison(&model, &RunHistoryModel::comparisonChanged);
        const QModelIndex box = model.index(1, RunHistoryModel::Compare);
        QVERIFY(model.flags(box) & Qt::ItemIsUserCheckable);
        QVERIFY(!(model.flags(model.index(1, RunHistoryModel::Date)) & Qt::ItemIsUserCheckable));
        QVERIFY(
            !model.setData(model.index(1, RunHistoryModel::Date), Qt::Checked, Qt::CheckStateRole));
        QVERIFY(model.setData(box, Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(comparison.count(), 1);
        QCOMPARE(box.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QVERIFY(model.setData(box, Qt::Checked, Qt::CheckStateRole)); // already ticked
        QCOMPARE(comparison.count(), 1);
        QCOMPARE(model.comparedRuns().size(), std::size_t(1));
        QCOMPARE(model.comparedRuns().front().path, a.path);

        // A new run comes first; the ticked one moved down a row and is still ticked.
        model.setRuns(
            {run(QStringLiteral("/runs/c.dpmodel"), QStringLiteral("cnn"), 0.99, 60, 10), b, a});
        QCOMPARE(model.index(2, RunHistoryModel::Compare).data(Qt::CheckStateRole).toInt(),
                 int(Qt::Checked));
        QCOMPARE(model.index(0, RunHistoryModel::Compare).data(Qt::CheckStateRole).toInt(),
                 int(Qt::Unchecked));
        QVERIFY(model.setData(model.index(2, RunHistoryModel::Compare), Qt::Unchecked,
                              Qt::CheckStateRole));
        QCOMPARE(comparison.count(), 2);
        QVERIFY(model.comparedRuns().empty());
    }

    // The widget around the model, on a folder of two saved runs: a run is chosen by its button
    // or a double-click, but a double-click on its tick box only ticks.
    void aRunIsChosenByItsButtonOrADoubleClick() {
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        for (const char *name : {"a.dpmodel", "b.dpmodel"})
            QVERIFY(QFile::copy(QStringLiteral(DIGITPAD_DEFAULT_MODEL_PATH),
                                folder.filePath(QLatin1String(name))));
        RunHistory history;
        history.resize(600, 300);
        history.show();
        QVERIFY(QTest::qWaitForWindowExposed(&history));
        history.setFolder(folder.path());
        QCOMPARE(history.runCount(), 2);
        QSignalSpy chosen(&history, &RunHistory::modelChosen);
        auto *use = history.findChild<QPushButton *>();
        QVERIFY(use && !use->isEnabled()); // nothing selected yet
        QTableView *table = history.table();
        const auto cellCentre = [table](int row, int column) {
            return table->visualRect(table->model()->index(row, column)).center();
        };
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                          cellCentre(1, RunHistoryModel::Date));
        QVERIFY(use->isEnabled());
        QTest::mouseClick(use, Qt::LeftButton);
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.last().first().toString(), history.pathAt(1));

        const auto doubleClick = [table, &cellCentre](int row, int column) {
            // A double click comes after a first click, as a mouse delivers it.
            QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cellCentre(row, column));
            QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cellCentre(row, column));
        };
        doubleClick(0, RunHistoryModel::Accuracy);
        QCOMPARE(chosen.count(), 2);
        QCOMPARE(chosen.last().first().toString(), history.pathAt(0));
        doubleClick(0, RunHistoryModel::Compare);
        QCOMPARE(chosen.count(), 2);

        history.refresh(); // a new list: nothing selected to use
        QVERIFY(!use->isEnabled());
    }
};

QTEST_MAIN(RunHistoryModelTest)
#include "test_run_history_model.moc"
