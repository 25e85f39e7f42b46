#include "checkpoint.h"
#include "error.h"
#include "trainer.h"
#include "training_data.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace digitpad;

class CheckpointTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    TrainingData m_data;
    Classifier m_model;
    QString m_path;

    QByteArray savedBytes() const {
        QFile file(m_path);
        file.open(QIODevice::ReadOnly);
        return file.readAll();
    }
    QString loadError(const QByteArray &bytes) {
        const QString path = m_dir.filePath("damaged.dpmodel");
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        file.write(bytes);
        file.close();
        try {
            loadModel(path);
        } catch (const Error &error) {
            return error.message();
        }
        return QString();
    }

  private Q_SLOTS:
    void initTestCase() {
        m_data = prepareTrainingData(QString(), 0.2, 1, 1000);
        TrainingConfig config = TrainingConfig::forArchitecture("cnn");
        config.epochs = 1;
        config.threads = 2;
        m_model = train(config, m_data.train, m_data.validation).model;
        m_path = m_dir.filePath("model.dpmodel");
        saveModel(m_model, m_path);
    }

    void roundTripGivesIdenticalPredictionsAndMetadata() {
        const Classifier loaded = loadModel(m_path);
        const auto before =
            m_model.predictImages(m_data.validation.pixels.data(), m_data.validation.size());
        const auto after =
            loaded.predictImages(m_data.validation.pixels.data(), m_data.validation.size());
        QCOMPARE(after.size(), before.size());
        for (std::size_t i = 0; i < before.size(); ++i)
            QVERIFY(before[i].probabilities == after[i].probabilities);
        QCOMPARE(loaded.metadata().architecture, QString("cnn"));
        QCOMPARE(loaded.metadata().validationAccuracy, m_model.metadata().validationAccuracy);
        QCOMPARE(loaded.metadata().datasetFingerprint, m_model.metadata().datasetFingerprint);
        QCOMPARE(loaded.metadata().trainingConfig["epochs"].toInt(), 1);
        QVERIFY(loaded.metadata().createdAt.isValid());
    }

    void cloneIsIndependentOfTheOriginal() {
        const Classifier snapshot = m_model.clone();
        const auto before = snapshot.predictImages(m_data.validation.image(0), 1).front();
        QVERIFY(before.probabilities ==
                m_model.predictImages(m_data.validation.image(0), 1).front().probabilities);
        QVERIFY(&snapshot.impl() != &m_model.impl());
    }

    void damagedFilesAreRejectedWithTheReason_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        const QByteArray good = savedBytes();
        QTest::newRow("truncated") << good.left(good.size() - 1000) << "truncated";
        QTest::newRow("cut in the header") << good.left(20) << "truncated";
        QByteArray flipped = good;
        flipped[good.size() - 500] = char(flipped[good.size() - 500] ^ 0x5a);
        QTest::newRow("flipped weight byte") << flipped << "checksum";
        QTest::newRow("foreign file")
            << QByteArray("\x89PNG\r\n\x1a\n0000000000000000") << "not a DigitPad model";
        QTest::newRow("empty") << QByteArray() << "not a DigitPad model";
        QByteArray otherArchitecture = good;
        otherArchitecture.replace("\"architecture\": \"cnn\"", "\"architecture\": \"mlp\"");
        QTest::newRow("cnn weights labelled mlp")
            << otherArchitecture << "do not fit architecture 'mlp'";
        QByteArray unknown = good;
        unknown.replace("\"architecture\": \"cnn\"", "\"architecture\": \"rnn\"");
        QTest::newRow("unknown architecture") << unknown << "unknown architecture 'rnn'";
    }
    void damagedFilesAreRejectedWithTheReason() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        const QString message = loadError(bytes);
        QVERIFY2(message.contains("damaged.dpmodel") && message.contains(reason),
                 qPrintable(message));
    }

    void savingOverAnExistingModelReplacesItWhole() {
        const QString path = m_dir.filePath("replace.dpmodel");
        saveModel(m_model, path);
        saveModel(m_model, path);
        QCOMPARE(QFileInfo(path).size(), QFileInfo(m_path).size());
        QVERIFY(QDir(m_dir.path()).entryList({"*.tmp", "*~"}).isEmpty());
    }
};

QTEST_GUILESS_MAIN(CheckpointTest)
#include "test_checkpoint.moc"
