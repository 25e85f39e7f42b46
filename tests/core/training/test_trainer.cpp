#include "error.h"
#include "trainer.h"
#include "training_data.h"

#include <QtTest>
#include <atomic>
#include <cmath>
#include <thread>

using namespace digitpad;

Q_DECLARE_METATYPE(digitpad::TrainingConfig)

class TrainerTest : public QObject {
    Q_OBJECT
    TrainingData m_data;

    static TrainingConfig quickMlp() {
        TrainingConfig config = TrainingConfig::forArchitecture("mlp");
        config.epochs = 3;
        config.batchSize = 32;
        config.threads = 1;
        config.seed = 5;
        return config;
    }

  private Q_SLOTS:
    void initTestCase() { m_data = prepareTrainingData(QString(), 0.2, 1, 2500); }

    void shortRunLearnsFarAboveChanceAndReportsInOrder() {
        QList<QPair<int, int>> batches;
        QList<EpochStats> epochs;
        TrainingCallbacks callbacks;
        callbacks.onBatch = [&](const BatchStats &stats) {
            QVERIFY(std::isfinite(stats.loss));
            batches.append({stats.epoch, stats.batch});
        };
        callbacks.onEpoch = [&](const EpochStats &stats) {
            // Every batch of an epoch is reported before the epoch itself.
            QCOMPARE(batches.last(), qMakePair(stats.epoch, (m_data.train.size() + 31) / 32));
            epochs.append(stats);
        };
        const TrainingResult result = train(quickMlp(), m_data.train, m_data.validation, callbacks);
        QVERIFY(!result.cancelled);
        QCOMPARE(epochs.size(), 3);
        QCOMPARE(batches.size(), 3 * ((m_data.train.size() + 31) / 32));
        QVERIFY2(epochs.last().validationAccuracy > 0.8,
                 qPrintable(QString::number(epochs.last().validationAccuracy)));
        QVERIFY(epochs.last().trainLoss < epochs.first().trainLoss);
        QCOMPARE(result.model.metadata().architecture, QString("mlp"));
        QCOMPARE(result.model.metadata().validationAccuracy, epochs.last().validationAccuracy);
        QCOMPARE(result.model.metadata().datasetFingerprint, m_data.train.fingerprint());
        QVERIFY(result.samplesPerSecond > 0);
    }

    void cnnTrainsOnATinySubsetToo() {
        TrainingConfig config = TrainingConfig::forArchitecture("cnn");
        config.epochs = 1;
        config.threads = 2;
        const TrainingResult result = train(config, m_data.train, m_data.validation);
        QCOMPARE(int(result.epochs.size()), 1);
        QVERIFY(result.epochs.front().validationAccuracy > 0.5);
    }

    void stopRequestEndsTheRunWithinOneBatch() {
        int batchesRun = 0;
        std::atomic<bool> stop{false};
        TrainingCallbacks callbacks;
        callbacks.onBatch = [&](const BatchStats &) {
            if (++batchesRun == 3)
                stop = true; // as if the user pressed Stop during the third batch
        };
        callbacks.shouldStop = [&] { return stop.load(); };
        const TrainingResult result = train(quickMlp(), m_data.train, m_data.validation, callbacks);
        QVERIFY(result.cancelled);
        QCOMPARE(batchesRun, 3);
        QVERIFY(result.epochs.empty());
    }

    void stopFromAnotherThreadIsHonoured() {
        std::atomic<bool> stop{false};
        std::atomic<int> batchesAfterStop{0};
        TrainingCallbacks callbacks;
        callbacks.shouldStop = [&] { return stop.load(); };
        callbacks.onBatch = [&](const BatchStats &) {
            if (stop)
                ++batchesAfterStop;
        };
        TrainingConfig config = quickMlp();
        config.epochs = 200;
        TrainingResult result;
        std::thread worker(
            [&] { result = train(config, m_data.train, m_data.validation, callbacks); });
        QTest::qWait(300);
        stop = true;
        worker.join();
        QVERIFY(result.cancelled);
        QVERIFY(batchesAfterStop <= 1);
    }

    void fixedSeedAndThreadsReproduceTheRun() {
        const TrainingResult first = train(quickMlp(), m_data.train, m_data.validation);
        const TrainingResult second = train(quickMlp(), m_data.train, m_data.validation);
        for (std::size_t i = 0; i < first.epochs.size(); ++i) {
            QCOMPARE(first.epochs[i].trainLoss, second.epochs[i].trainLoss);
            QCOMPARE(first.epochs[i].validationAccuracy, second.epochs[i].validationAccuracy);
        }
    }

    void balancedModesTrain() {
        for (ClassBalancing mode : {ClassBalancing::LossWeights, ClassBalancing::Sampling}) {
            TrainingConfig config = quickMlp();
            config.epochs = 1;
            config.classBalancing = mode;
            const TrainingResult result = train(config, m_data.train, m_data.validation);
            QVERIFY(std::isfinite(result.epochs.front().trainLoss));
            QVERIFY(result.epochs.front().validationAccuracy > 0.5);
        }
    }

    void nonsenseSettingsAreRefusedWithTheirNames_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<TrainingConfig>("config");
        TrainingConfig config = quickMlp();
        config.batchSize = 0;
        QTest::newRow("zero batch") << "batch size" << config;
        config = quickMlp();
        config.learningRate = std::nan("");
        QTest::newRow("NaN rate") << "learning rate" << config;
        config = quickMlp();
        config.epochs = -1;
        QTest::newRow("negative epochs") << "epochs" << config;
        config = quickMlp();
        config.architecture = "transformer";
        QTest::newRow("unknown architecture") << "architecture" << config;
        config = quickMlp();
        config.optimizer = "lbfgs";
        QTest::newRow("unknown optimizer") << "optimizer" << config;
    }
    void nonsenseSettingsAreRefusedWithTheirNames() {
        QFETCH(QString, field);
        QFETCH(TrainingConfig, config);
        QVERIFY(describeProblems(config).join(QLatin1Char(' ')).contains(field));
        try {
            train(config, m_data.train, m_data.validation);
            QFAIL("training started with nonsense settings");
        } catch (const Error &error) {
            QVERIFY(error.message().contains(field));
        }
    }
};

QTEST_GUILESS_MAIN(TrainerTest)
#include "test_trainer.moc"
