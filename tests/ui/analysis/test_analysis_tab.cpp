#include "analysis_tab.h"
#include "checkpoint.h"
#include "confusion_matrix_view.h"
#include "qcustomplot_include.h"
#include "sample_gallery.h"

#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <numeric>

using namespace digitpad;

class AnalysisTabTest : public QObject {
    Q_OBJECT
    AnalysisTab *m_tab = nullptr;

  private Q_SLOTS:
    void initTestCase() {
        m_tab = new AnalysisTab;
        m_tab->resize(1100, 700);
        m_tab->setModel(loadModel(QStringLiteral(DIGITPAD_DEFAULT_MODEL_PATH)),
                        QStringLiteral(DIGITPAD_DEFAULT_MODEL_PATH));
        m_tab->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_tab));
        QSignalSpy analysed(m_tab, &AnalysisTab::analysed);
        QVERIFY(m_tab->evaluate()); // the official MNIST test set, by default
        QVERIFY(analysed.wait(60000));
        QVERIFY(m_tab->analysis());
        QCOMPARE(m_tab->analysis()->confusion.total(), int(m_tab->analysis()->outcomes.size()));
        QCOMPARE(int(m_tab->analysis()->outcomes.size()), 10000);
        QCOMPARE(int(m_tab->analysis()->writerGroups.size()), 2);
        // The default model was trained on the MNIST training set: its split is rebuilt, and
        // its class counts go beside the evaluation.
        const auto &trainingCounts = m_tab->analysis()->trainingClassCounts;
        QVERIFY(trainingCounts);
        QCOMPARE(std::accumulate(trainingCounts->begin(), trainingCounts->end(), 0),
                 loadModel(QStringLiteral(DIGITPAD_DEFAULT_MODEL_PATH)).metadata().trainSamples);
    }
    void cleanupTestCase() { delete m_tab; }

    void clickingACellShowsExactlyTheSamplesOfThatCell_data() {
        QTest::addColumn<int>("trueDigit");
        QTest::addColumn<int>("predictedDigit");
        QTest::newRow("a diagonal cell") << 3 << 3;
        QTest::newRow("an empty cell") << 1 << 8;
        QTest::newRow("the top right corner") << 0 << 9;
    }
    void clickingACellShowsExactlyTheSamplesOfThatCell() {
        QFETCH(int, trueDigit);
        QFETCH(int, predictedDigit);
        ConfusionMatrixView *view = m_tab->matrixView();
        const QPoint centre =
            view->plot()->mapFrom(view, view->cellCentre(trueDigit, predictedDigit).toPoint());
        QTest::mouseClick(view->plot(), Qt::LeftButton, Qt::NoModifier, centre);
        const std::vector<int> expected = m_tab->analysis()->cellMembers(trueDigit, predictedDigit);
        QCOMPARE(int(expected.size()),
                 m_tab->analysis()->confusion.count(trueDigit, predictedDigit));
        QCOMPARE(m_tab->gallery()->shownSamples(), expected);
    }

    void comparingWithAModelFillsTheBeforeAfterTable() {
        QSignalSpy compared(m_tab, &AnalysisTab::compared);
        QVERIFY(m_tab->compareWith(QStringLiteral(DIGITPAD_DEFAULT_MODEL_PATH)));
        QVERIFY(compared.wait(60000));
        QTableWidget *table = m_tab->comparisonTable();
        QVERIFY(table->rowCount() >= 12);
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("overall accuracy"));
        QCOMPARE(table->item(0, 3)->text(),
                 QStringLiteral("+0.00 points")); // the same model: no change
    }

    void exportWritesTheReport() {
        QTemporaryDir folder;
        QVERIFY(m_tab->exportReport(folder.path()));
        QVERIFY(QFile::exists(folder.filePath(QStringLiteral("analysis.json"))));
        QVERIFY(!QImage(folder.filePath(QStringLiteral("confusion_matrix.png"))).isNull());
    }
};

QTEST_MAIN(AnalysisTabTest)
#include "test_analysis_tab.moc"
