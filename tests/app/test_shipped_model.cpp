// The default model is committed (models/default.dpmodel) rather than trained on every machine:
// it must be the one the build ships, trained on all of MNIST by the recipe the code trains by
// today (scripts/train-default-model.sh --install retrains it).
#include "checkpoint.h"
#include "trainer.h"

#include <QFile>
#include <QtTest>

using namespace digitpad;

namespace {
QByteArray contentsOf(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}
} // namespace

class ShippedModelTest : public QObject {
    Q_OBJECT
    const QString m_committed = QStringLiteral(DIGITPAD_COMMITTED_MODEL_PATH);
    Classifier m_model;

  private Q_SLOTS:
    void initTestCase() { m_model = loadModel(m_committed); }

    void committedModelIsOfTheCurrentTrainingRecipe() {
        const int recipe = m_model.metadata().trainingRecipe;
        QVERIFY2(
            recipe >= kTrainingRecipe,
            qPrintable(QStringLiteral("%1 was trained by training recipe %2, older than the "
                                      "code's %3: run scripts/train-default-model.sh --install")
                           .arg(m_committed)
                           .arg(recipe)
                           .arg(kTrainingRecipe)));
    }

    void committedModelIsTheCnnTrainedOnAllOfMnist() {
        QCOMPARE(m_model.metadata().architecture, QStringLiteral("cnn"));
        QCOMPARE(m_model.metadata().datasetName, QStringLiteral("MNIST training set"));
        QVERIFY(m_model.metadata().parentModel.isEmpty()); // trained from scratch, not fine-tuned
    }

    void buildShipsTheCommittedModel() {
        const QByteArray committed = contentsOf(m_committed);
        QVERIFY(!committed.isEmpty());
        QVERIFY2(contentsOf(QStringLiteral(DIGITPAD_BUNDLED_MODEL_PATH)) == committed,
                 DIGITPAD_BUNDLED_MODEL_PATH " differs from the committed model: rebuild");
    }
};

QTEST_GUILESS_MAIN(ShippedModelTest)
#include "test_shipped_model.moc"
