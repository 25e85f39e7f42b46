#include "analysis_tab.h"
#include "analysis_table_models.h"
#include "checkpoint.h"
#include "confusion_matrix_view.h"
#include "mnist.h"
#include "open_set.h"
#include "open_set_page.h"
#include "qcustomplot_include.h"
#include "sample_gallery.h"
#include "session.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <numeric>

using namespace digitpad;

class AnalysisTabTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_folders;
    Session *m_session = nullptr;
    AnalysisTab *m_tab = nullptr;

  private Q_SLOTS:
    void initTestCase() {
        m_session = new Session({m_folders.filePath(QStringLiteral("personal")),
                                 m_folders.filePath(QStringLiteral("runs"))});
        m_session->setModel(loadModel(QStringLiteral(DIGITPAD_DEFAULT_MODEL_PATH)),
                            QStringLiteral(DIGITPAD_DEFAULT_MODEL_PATH));
        m_tab = new AnalysisTab(m_session);
        m_tab->resize(1100, 700);
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
    void cleanupTestCase() {
        delete m_tab;
        delete m_session;
    }

    void tablesShowTheAnalysis() {
        const digitpad::Analysis &analysis = *m_tab->analysis();
        const GroupMetricsModel *digits = m_tab->digitsModel();
        QCOMPARE(digits->rowCount(), 10);
        for (int digit = 0; digit < 10; ++digit)
            QCOMPARE(digits->data(digits->index(digit, 1)).toInt(),
                     analysis.digits[std::size_t(digit)].support);
        const GroupMetricsModel *slices = m_tab->slicesModel();
        QCOMPARE(slices->rowCount(),
                 int(analysis.sliceMetrics.size() + analysis.writerGroups.size()));
        int highlighted = 0;
        for (int row = 0; row < slices->rowCount(); ++row)
            if (slices->data(slices->index(row, 0), Qt::BackgroundRole).isValid()) {
                ++highlighted;
                QCOMPARE(slices->data(slices->index(row, 0)).toString(),
                         analysis.worstSlice()->name);
            }
        QCOMPARE(highlighted, 1);
        QCOMPARE(m_tab->fairnessModel()->rowCount(), int(analysis.fairness(0.05).size()));
    }

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

    // The "Not a digit" page: a few hundred of the evaluated digits against the unseen doodles.
    void measuringTheOpenSetPlotsItsCurve() {
        OpenSetPage *page = m_tab->openSetPage();
        const Classifier model = loadModel(QStringLiteral(DIGITPAD_DEFAULT_MODEL_PATH));
        Dataset digits = loadMnistTest();
        std::vector<int> first(300);
        std::iota(first.begin(), first.end(), 0);
        page->setSubject(model, digits.subset(first));
        QSignalSpy measured(page, &OpenSetPage::measured);
        QVERIFY(page->measure());
        QVERIFY(measured.wait(300000));
        const OpenSetCurve *curve = page->curve();
        QVERIFY(curve);
        QCOMPARE(curve->digits, 300);
        QVERIFY(curve->nonDigits > 1000);
        // A trained model rejects far more doodles than digits at its own threshold.
        QVERIFY2(curve->atModelThreshold.nonDigitsRejected > 0.5 &&
                     curve->atModelThreshold.digitsRejected < 0.05,
                 qPrintable(QString("%1 %2")
                                .arg(curve->atModelThreshold.nonDigitsRejected)
                                .arg(curve->atModelThreshold.digitsRejected)));
        QCOMPARE(page->plot()->graph(0)->dataCount(), int(curve->points.size()));
        QCOMPARE(page->plot()->graph(1)->dataCount(), 1);
    }

    void comparingWithAModelFillsTheBeforeAfterTable() {
        QSignalSpy compared(m_tab, &AnalysisTab::compared);
        QVERIFY(m_tab->compareWith(QStringLiteral(DIGITPAD_DEFAULT_MODEL_PATH)));
        QVERIFY(compared.wait(60000));
        const ComparisonModel *table = m_tab->comparisonModel();
        QVERIFY(table->rowCount() >= 12);
        QCOMPARE(table->data(table->index(0, 0)).toString(), QStringLiteral("overall accuracy"));
        QCOMPARE(table->data(table->index(0, 3)).toString(),
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
