#include "architectures.h"
#include "checkpoint.h"
#include "classifier_impl.h"
#include "error.h"
#include "trainer.h"
#include "training_data.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>
#include <limits>
#include <sstream>
#include <zlib.h>

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

    // The file's CRC recomputed after a change: the change reaches the parser behind it.
    static QByteArray resealed(QByteArray bytes) {
        const qsizetype body = bytes.size() - 4 - 15;
        const auto sum =
            quint32(crc32(0L, reinterpret_cast<const Bytef *>(bytes.constData() + 15), uInt(body)));
        qToBigEndian(sum, bytes.data() + bytes.size() - 4);
        return bytes;
    }

    // A file as DigitPad wrote it before format 2: the weights as a LibTorch archive.
    QByteArray versionOneBytes(const Classifier &model) const {
        std::ostringstream stream;
        torch::serialize::OutputArchive archive;
        model.impl().net->save(archive);
        archive.save_to(stream);
        const std::string weights = stream.str();
        const QByteArray metadata = QJsonDocument(model.metadata().toJson()).toJson();
        QByteArray bytes("DIGITPAD-MODEL\n\x01");
        char buffer[8];
        qToBigEndian(quint64(metadata.size()), buffer);
        bytes.append(buffer, 8).append(metadata);
        qToBigEndian(quint64(weights.size()), buffer);
        bytes.append(buffer, 8);
        qToBigEndian(quint32(crc32(0L, reinterpret_cast<const Bytef *>(weights.data()),
                                   uInt(weights.size()))),
                     buffer);
        bytes.append(buffer, 4).append(weights.data(), qsizetype(weights.size()));
        return bytes;
    }

    QString write(const QString &name, const QByteArray &bytes) const {
        QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(bytes);
        return path;
    }

  private Q_SLOTS:
    void initTestCase() {
        qputenv("DIGITPAD_CLI", DIGITPAD_CLI_PATH); // reads format-1 files in a child process
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
        QVERIFY(loaded.metadata().notDigitOverViews);
        QCOMPARE(loaded.metadata().notDigitThreshold, m_model.metadata().notDigitThreshold);
        QCOMPARE(loaded.metadata().notDigitValidationShare, kValidationDigitsRejected);
        QCOMPARE(loaded.metadata().trainingRecipe, kTrainingRecipe);
        QVERIFY(loaded.metadata().createdAt.isValid());
    }

    void everyArchitectureSurvivesTheRoundTrip() {
        QTemporaryDir folder;
        for (const QString &name : architectureNames()) {
            const Classifier model = Classifier::create(name, true);
            const QString path = folder.filePath(name + QStringLiteral(".dpmodel"));
            saveModel(model, path);
            const Classifier loaded = loadModel(path);
            QCOMPARE(loaded.metadata().architecture, name);
            const auto before = model.predictImages(m_data.validation.pixels.data(), 20);
            const auto after = loaded.predictImages(m_data.validation.pixels.data(), 20);
            for (std::size_t i = 0; i < before.size(); ++i)
                QVERIFY2(before[i].probabilities == after[i].probabilities, qPrintable(name));
        }
    }

    // A run that diverged has a NaN loss, which Qt writes as null: its file must still load.
    void aDivergedRunsNullLossStillLoads() {
        Classifier model = m_model.clone();
        ModelMetadata metadata = model.metadata();
        metadata.validationLoss = std::numeric_limits<double>::quiet_NaN();
        model.setMetadata(metadata);
        const QString path = m_dir.filePath("diverged.dpmodel");
        saveModel(model, path);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("\"loss\": null"));
        QCOMPARE(loadModel(path).metadata().validationLoss, 0.0);
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
        QByteArray edited = good;
        edited.replace("\"architecture\": \"cnn\"", "\"architecture\": \"mlp\"");
        QTest::newRow("metadata edited, checksum not") << edited << "checksum";
        QTest::newRow("foreign file")
            << QByteArray("\x89PNG\r\n\x1a\n0000000000000000") << "not a DigitPad model";
        QTest::newRow("empty") << QByteArray() << "not a DigitPad model";
        QByteArray otherArchitecture = good;
        otherArchitecture.replace("\"architecture\": \"cnn\"", "\"architecture\": \"mlp\"");
        QTest::newRow("cnn weights labelled mlp")
            << resealed(otherArchitecture) << "do not fit architecture 'mlp'";
        QByteArray unknown = good;
        unknown.replace("\"architecture\": \"cnn\"", "\"architecture\": \"rnn\"");
        QTest::newRow("unknown architecture") << resealed(unknown) << "unknown architecture 'rnn'";
        QByteArray zeroStd = good;
        zeroStd.replace("\"std\": 0.3081", "\"std\": 0.0000"); // lengths stay as they were
        QTest::newRow("standard deviation 0") << resealed(zeroStd) << "standard deviation 0";
        QByteArray nanThreshold = good;
        nanThreshold.replace("\"threshold\": ", "\"threshold\":-");
        QTest::newRow("negative threshold") << resealed(nanThreshold) << "threshold";
        // Fields of the wrong type are named, not replaced by defaults the file never asked for
        // (each replacement keeps the metadata's length).
        const auto retyped = [&](const QByteArray &from, const QByteArray &to) {
            QByteArray bytes = good;
            return resealed(bytes.replace(from, to));
        };
        QTest::newRow("std as text") << retyped("\"std\": 0.3081", "\"std\": \"0.31\"")
                                     << "normalisation.std is text, not a number";
        QTest::newRow("mean as null") << retyped("\"mean\": 0.1307", "\"mean\": null  ")
                                      << "normalisation.mean is null, not a number";
        QTest::newRow("mean as a list") << retyped("\"mean\": 0.1307", "\"mean\": [0.13]")
                                        << "normalisation.mean is a list, not a number";
        QTest::newRow("std as an object") << retyped("\"std\": 0.3081", "\"std\": {    }")
                                          << "normalisation.std is an object, not a number";
        QByteArray thresholdAsText = good;
        const qsizetype number = good.indexOf("\"threshold\": ") + 13;
        qsizetype end = number;
        while (end < good.size() && QByteArray("0123456789.e-").contains(good[end]))
            ++end;
        thresholdAsText.replace(number, end - number,
                                '"' + QByteArray(end - number - 2, '1') + '"');
        QTest::newRow("threshold as text")
            << resealed(thresholdAsText) << "not_a_digit.threshold is text, not a number";
        QTest::newRow("not-a-digit class as a number")
            << retyped("\"class\": true", "\"class\": 1   ")
            << "not_a_digit.class is a number, not true or false";
        // Found by fuzz_model: sizes too large for files too short to hold even the fixed
        // fields, which the reader once followed outside the file.
        const QByteArray magic("DIGITPAD-MODEL\n");
        QTest::newRow("huge metadata size in 24 bytes")
            << magic + QByteArray::fromHex("02a1000600762d6113") << "truncated";
        QTest::newRow("huge metadata size in a short version-1 file")
            << magic + QByteArray::fromHex("01a1000600762d6113") + QByteArray(8, '\0')
            << "truncated";
    }
    void damagedFilesAreRejectedWithTheReason() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        const QString message = loadError(bytes);
        QVERIFY2(message.contains("damaged.dpmodel") && message.contains(reason),
                 qPrintable(message));
    }

    // Random changes anywhere in the file, the checksum recomputed so that they reach the
    // metadata and weights parsers: every one is refused or read, none crashes.
    void mutatedFilesNeverCrashTheLoader() {
        const QByteArray good = savedBytes();
        QRandomGenerator random(7);
        int refused = 0;
        for (int round = 0; round < 1000; ++round) {
            QByteArray bytes = good;
            const int changes = 1 + int(random.bounded(8));
            for (int change = 0; change < changes; ++change) {
                // Half the changes land in the first 4 KB: headers, names, shapes.
                const qsizetype at = random.bounded(2) ? random.bounded(qsizetype(4096))
                                                       : random.bounded(bytes.size() - 4);
                bytes[at] = char(random.bounded(256));
            }
            if (round % 10 == 0)
                bytes.truncate(random.bounded(bytes.size()));
            else
                bytes = resealed(bytes);
            const QString path = write(QStringLiteral("mutated.dpmodel"), bytes);
            try {
                const Classifier model = loadModel(path);
                model.predictImages(m_data.validation.image(0), 1); // a loaded model reads
            } catch (const Error &) {
                ++refused;
            }
        }
        qInfo("%d of 1000 mutated files refused, the others read", refused);
        QVERIFY(refused > 100); // changes to values only are read: the file was resealed
    }

    void versionOneFilesAreReadInAChildProcess() {
        const QString path = write(QStringLiteral("v1.dpmodel"), versionOneBytes(m_model));
        const Classifier loaded = loadModel(path);
        const auto before = m_model.predictImages(m_data.validation.image(0), 1).front();
        QVERIFY(before.probabilities ==
                loaded.predictImages(m_data.validation.image(0), 1).front().probabilities);
        QCOMPARE(loaded.metadata().createdAt, loadModel(m_path).metadata().createdAt);
    }

    void hostileVersionOneWeightsAreRefusedNotFatal() {
        const QByteArray good = versionOneBytes(m_model);
        // The archive starts after magic, version, metadata size, metadata, size and CRC.
        const quint64 metadataSize = qFromBigEndian<quint64>(good.constData() + 16);
        const qsizetype archive = 16 + 8 + qsizetype(metadataSize) + 12;
        QRandomGenerator random(11);
        for (int round = 0; round < 12; ++round) {
            QByteArray bytes = good;
            for (int change = 0; change < 16; ++change) {
                const qsizetype at = archive + random.bounded(bytes.size() - archive);
                bytes[at] = char(random.bounded(256));
            }
            const quint32 sum =
                quint32(crc32(0L, reinterpret_cast<const Bytef *>(bytes.constData() + archive),
                              uInt(bytes.size() - archive)));
            qToBigEndian(sum, bytes.data() + archive - 4);
            const QString path = write(QStringLiteral("v1-mutated.dpmodel"), bytes);
            try {
                loadModel(path);
            } catch (const Error &error) {
                QVERIFY(!error.message().isEmpty());
            }
        }
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
