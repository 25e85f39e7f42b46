#include "error.h"
#include "trainer.h"
#include "training_data.h"

#include <QtTest>
#include <atomic>
#include <cmath>
#include <mutex>
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
        QCOMPARE(result.model.metadata().validationFingerprint, m_data.validation.fingerprint());
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

    void pauseStopsBatchesAndResumeContinuesFromTheSameBatch() {
        TrainingControl control;
        std::mutex mutex;
        QList<QPair<int, int>> batches;
        TrainingCallbacks callbacks;
        callbacks.control = &control;
        callbacks.onBatch = [&](const BatchStats &stats) {
            std::lock_guard lock(mutex);
            batches.append({stats.epoch, stats.batch});
            if (batches.size() == 5)
                control.pause(); // as if Pause were pressed during the fifth batch
        };
        const auto batchCount = [&] {
            std::lock_guard lock(mutex);
            return batches.size();
        };
        TrainingConfig config = quickMlp();
        config.epochs = 1;
        TrainingResult result;
        std::thread worker(
            [&] { result = train(config, m_data.train, m_data.validation, callbacks); });
        QTRY_COMPARE(batchCount(), 5);
        QTest::qWait(400);
        QCOMPARE(batchCount(), 5); // no batch ran while paused
        QVERIFY(control.isPaused());
        control.resume();
        worker.join();
        QVERIFY(!result.cancelled);
        const int perEpoch = (m_data.train.size() + 31) / 32;
        QCOMPARE(batches.size(), perEpoch);
        for (int i = 0; i < batches.size(); ++i) // resumed at batch 6: none skipped or repeated
            QCOMPARE(batches[i], qMakePair(1, i + 1));
        QVERIFY(control.pausedSeconds() >= 0.35);
        QVERIFY2(result.trainSeconds < result.epochs.front().seconds + 0.3,
                 "the pause counts as training time");
    }

    void stopReleasesAPausedRun() {
        TrainingControl control;
        control.pause();
        std::atomic<bool> stop{false};
        TrainingCallbacks callbacks;
        callbacks.control = &control;
        callbacks.shouldStop = [&] { return stop.load(); };
        TrainingResult result;
        std::thread worker(
            [&] { result = train(quickMlp(), m_data.train, m_data.validation, callbacks); });
        QTest::qWait(100);
        stop = true;
        worker.join();
        QVERIFY(result.cancelled);
        QVERIFY(result.epochs.empty());
    }

    void learningRateChangeTakesEffectFromTheNextBatch() {
        // Run A: after batch 5 the rate drops to almost nothing, so its weights must stay
        // where run B (same seed, stopped after batch 5) left them.
        TrainingConfig config = quickMlp();
        config.epochs = 1;
        config.notDigitClass = false;
        config.keepBestEpoch = false;
        TrainingControl control;
        QList<BatchStats> seen;
        TrainingCallbacks steered;
        steered.control = &control;
        steered.onBatch = [&](const BatchStats &stats) {
            seen.append(stats);
            if (stats.batch == 5)
                control.setLearningRate(1e-12);
        };
        const TrainingResult slowed = train(config, m_data.train, m_data.validation, steered);
        QVERIFY(!seen[4].learningRateChanged);
        QCOMPARE(seen[4].baseLearningRate, config.learningRate);
        QVERIFY(seen[5].learningRateChanged);
        QCOMPARE(seen[5].baseLearningRate, 1e-12);
        QVERIFY(seen[5].learningRate <= 1e-12);
        QVERIFY(!seen[6].learningRateChanged);

        int batches = 0;
        TrainingCallbacks stopped;
        stopped.onBatch = [&](const BatchStats &) { ++batches; };
        stopped.shouldStop = [&] { return batches == 5; };
        const TrainingResult five = train(config, m_data.train, m_data.validation, stopped);
        QVERIFY(five.cancelled);
        const auto a = slowed.model.predictImages(m_data.validation.pixels.data(), 50);
        const auto b = five.model.predictImages(m_data.validation.pixels.data(), 50);
        double largest = 0;
        for (std::size_t i = 0; i < a.size(); ++i)
            for (int c = 0; c < 10; ++c)
                largest = std::max(largest, double(std::abs(a[i].probabilities[std::size_t(c)] -
                                                            b[i].probabilities[std::size_t(c)])));
        QVERIFY2(largest < 1e-4, qPrintable(QString::number(largest)));
    }

    // Four epochs, the last two with a ruinous learning rate: validation falls after epoch 2.
    TrainingResult runThatOverfitsAfterEpochTwo(const TrainingConfig &config,
                                                QList<double> *accuracyByEpoch) {
        TrainingControl control;
        TrainingCallbacks callbacks;
        callbacks.control = &control;
        callbacks.onEpoch = [&](const EpochStats &stats) {
            if (stats.epoch == 2)
                control.setLearningRate(8.0);
        };
        callbacks.onEpochModel = [&](int, const Classifier &model) {
            const auto predictions =
                model.predictImages(m_data.validation.pixels.data(), m_data.validation.size());
            int correct = 0;
            for (int i = 0; i < m_data.validation.size(); ++i)
                correct += predictions[std::size_t(i)].digit ==
                           int(m_data.validation.labels[std::size_t(i)]);
            accuracyByEpoch->append(double(correct) / m_data.validation.size());
        };
        return train(config, m_data.train, m_data.validation, callbacks);
    }

    static double accuracyOf(const Classifier &model, const Dataset &data) {
        const auto predictions = model.predictImages(data.pixels.data(), data.size());
        int correct = 0;
        for (int i = 0; i < data.size(); ++i)
            correct += predictions[std::size_t(i)].digit == int(data.labels[std::size_t(i)]);
        return double(correct) / data.size();
    }

    void keepBestRestoresTheBestEpochsWeights() {
        TrainingConfig config = quickMlp();
        config.epochs = 4;
        config.notDigitClass = false;
        QList<double> accuracyByEpoch;
        const TrainingResult kept = runThatOverfitsAfterEpochTwo(config, &accuracyByEpoch);
        QCOMPARE(accuracyByEpoch.size(), 4);
        QVERIFY2(accuracyByEpoch[3] < accuracyByEpoch[1] - 0.05,
                 "the ruinous rate did not ruin the run");
        QCOMPARE(kept.bestEpoch, 2);
        QVERIFY(kept.epochs[1].best);
        QCOMPARE(kept.model.metadata().bestEpoch, 2);
        QCOMPARE(kept.model.metadata().validationAccuracy, kept.epochs[1].validationAccuracy);
        QCOMPARE(accuracyOf(kept.model, m_data.validation), accuracyByEpoch[1]);

        config.keepBestEpoch = false;
        accuracyByEpoch.clear();
        const TrainingResult last = runThatOverfitsAfterEpochTwo(config, &accuracyByEpoch);
        QCOMPARE(last.model.metadata().bestEpoch, 4);
        QCOMPARE(accuracyOf(last.model, m_data.validation), accuracyByEpoch[3]);
    }

    void earlyStopEndsTheRunWhenValidationStopsImproving() {
        TrainingConfig config = quickMlp();
        config.epochs = 8;
        config.notDigitClass = false;
        config.earlyStopPatience = 2;
        QList<double> accuracyByEpoch;
        const TrainingResult result = runThatOverfitsAfterEpochTwo(config, &accuracyByEpoch);
        QVERIFY(result.stoppedEarly);
        QVERIFY(!result.cancelled);
        QCOMPARE(int(result.epochs.size()), 4); // epochs 3 and 4 did not beat epoch 2
        QCOMPARE(result.bestEpoch, 2);
        QCOMPARE(accuracyOf(result.model, m_data.validation), accuracyByEpoch[1]);
    }

    // The Train tab adds the user's personal samples to MNIST's training split: the model's
    // validation split is still MNIST's, so it can be rebuilt (to teach the model, to evaluate it).
    void splitsAreRebuiltWhenOnlyTheTrainingSplitGainedSamples() {
        TrainingConfig config = quickMlp();
        config.validationFraction = 0.1;
        const TrainingData mnist = prepareTrainingData(QString(), 0.1, config.seed);
        ModelMetadata metadata;
        metadata.trainingConfig = config.toJson();
        metadata.datasetName = mnist.train.name;
        Dataset withPersonal = mnist.train;
        withPersonal.append(m_data.validation.subset({0, 1, 2}));
        metadata.datasetFingerprint = withPersonal.fingerprint();
        metadata.validationFingerprint = mnist.validation.fingerprint();
        const TrainingData rebuilt = splitsOf(metadata);
        QCOMPARE(rebuilt.validation.fingerprint(), mnist.validation.fingerprint());
        QCOMPARE(rebuilt.train.size(), mnist.train.size());

        metadata.validationFingerprint = m_data.validation.fingerprint(); // a 2,500-digit subset's
        QVERIFY_THROWS_EXCEPTION(Error, splitsOf(metadata));
        // Models saved before the validation fingerprint was recorded: the training split decides.
        metadata.validationFingerprint.clear();
        QVERIFY_THROWS_EXCEPTION(Error, splitsOf(metadata));
        metadata.datasetFingerprint = mnist.train.fingerprint();
        QCOMPARE(splitsOf(metadata).train.fingerprint(), mnist.train.fingerprint());
    }

    void curvesRoundTripThroughTheModelsMetadata() {
        TrainingConfig config = quickMlp();
        config.epochs = 2;
        const TrainingResult result = train(config, m_data.train, m_data.validation);
        const std::vector<EpochStats> read =
            epochHistoryFromJson(result.model.metadata().epochHistory);
        QCOMPARE(int(read.size()), 2);
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(read[std::size_t(i)].epoch, i + 1);
            QCOMPARE(read[std::size_t(i)].validationAccuracy,
                     result.epochs[std::size_t(i)].validationAccuracy);
            QCOMPARE(read[std::size_t(i)].trainLoss, result.epochs[std::size_t(i)].trainLoss);
        }
        QJsonArray damaged = result.model.metadata().epochHistory;
        damaged.append(QJsonObject{{"epoch", -3}});
        damaged.append(QString("not an epoch"));
        QCOMPARE(int(epochHistoryFromJson(damaged).size()), 2);
    }

    // The threshold is calibrated on the not-a-digit probability as the model reads it (over the
    // ink's views): read again, the validation digits are rejected at the calibrated share.
    void theNotDigitThresholdRejectsTheCalibratedShareOfValidationDigits() {
        TrainingConfig config = quickMlp();
        config.epochs = 1;
        QVERIFY(config.notDigitClass);
        const Classifier model = train(config, m_data.train, m_data.validation).model;
        QVERIFY(model.metadata().notDigitOverViews);
        const double threshold = model.metadata().notDigitThreshold;
        QVERIFY2(threshold > 0.02 && threshold < 1.0, qPrintable(QString::number(threshold)));
        const int n = m_data.validation.size();
        int rejected = 0;
        for (const Prediction &p : model.predictImages(m_data.validation.pixels.data(), n))
            rejected += !p.isDigit();
        // The threshold is the probability of the digit at the share's quantile: that digit is
        // rejected or, divided by its own value, lands a rounding error under 1.
        const int atShare = n - int(std::ceil((1.0 - kValidationDigitsRejected) * n));
        QVERIFY2(rejected == atShare || rejected == atShare - 1,
                 qPrintable(QStringLiteral("%1 of %2 rejected").arg(rejected).arg(n)));
    }

    // Teaching pays when the samples read better than the parent read them, or when it costs
    // next to nothing on validation; otherwise the parent is the better model.
    void teachingPaysOnlyWhenItReadsTheSamplesBetterOrCostsNextToNothing() {
        FineTuneEffect effect;
        effect.personalSamples = 100;
        effect.validationAccuracyBefore = 0.9940;
        effect.personalAccuracyBefore = effect.personalAccuracyAfter = 1.0;
        effect.validationAccuracyAfter = 0.9927; // 0.13 points lost, nothing learnt
        QVERIFY(!effect.pays());
        effect.validationAccuracyAfter = 0.9937; // 0.03 points: noise
        QVERIFY(effect.pays());
        effect.personalAccuracyBefore = 0.2;
        effect.validationAccuracyAfter = 0.9927; // a new style learnt is worth some validation
        QVERIFY(effect.pays());
    }

    void fineTuneStartsFromTheParentAndLearnsThePersonalSamples() {
        TrainingConfig config = quickMlp();
        config.epochs = 4;
        const TrainingResult parent = train(config, m_data.train, m_data.validation);
        // Twenty digits from outside the training and validation splits (the test set rides
        // along; nothing here is chosen by it) that the parent misreads: a user's corrections.
        QVERIFY(m_data.test.has_value());
        const Dataset &unseen = *m_data.test;
        Dataset personal;
        const auto read = parent.model.predictImages(unseen.pixels.data(), unseen.size());
        for (int i = 0; i < unseen.size() && personal.size() < 20; ++i) {
            if (read[std::size_t(i)].digit == int(unseen.labels[std::size_t(i)]))
                continue;
            const auto first = unseen.pixels.begin() + std::ptrdiff_t(i) * 784;
            personal.pixels.insert(personal.pixels.end(), first, first + 784);
            personal.labels.push_back(unseen.labels[std::size_t(i)]);
        }
        QCOMPARE(personal.size(), 20);
        FineTuning fineTuning{parent.model, QStringLiteral("parent.dpmodel"), personal, 60, {}};
        TrainingConfig tune = TrainingConfig::forFineTuning(config);
        tune.architecture = QStringLiteral("cnn"); // the parent's network wins
        tune.epochs = 3;
        tune.learningRate = config.learningRate; // a small mlp learns slowly at the default
        const TrainingResult tuned = train(tune, m_data.train, m_data.validation, {}, &fineTuning);
        QVERIFY(tuned.fineTuneEffect.has_value());
        const FineTuneEffect &effect = *tuned.fineTuneEffect;
        QCOMPARE(effect.personalSamples, 20);
        QCOMPARE(effect.validationAccuracyBefore, accuracyOf(parent.model, m_data.validation));
        QCOMPARE(effect.personalAccuracyBefore, accuracyOf(parent.model, personal));
        QCOMPARE(effect.personalAccuracyAfter, accuracyOf(tuned.model, personal));
        QCOMPARE(effect.personalAccuracyBefore, 0.0);
        // Test digits a weak parent (87% on validation) misreads: the distillation weight that
        // keeps the default cnn within 0.2 validation points (trainer.cpp) lets this small mlp
        // learn 30% of them (half or more at weight 6). A taught style is learnt in full:
        // test_train_tab.
        QVERIFY2(effect.personalAccuracyAfter >= 0.25,
                 qPrintable(QStringLiteral("%1 -> %2")
                                .arg(effect.personalAccuracyBefore)
                                .arg(effect.personalAccuracyAfter)));
        QVERIFY2(effect.validationAccuracyAfter > effect.validationAccuracyBefore - 0.02,
                 qPrintable(QStringLiteral("%1 -> %2")
                                .arg(effect.validationAccuracyBefore)
                                .arg(effect.validationAccuracyAfter)));
        QCOMPARE(tuned.model.metadata().architecture, QString("mlp"));
        QCOMPARE(tuned.model.metadata().parentModel, QString("parent.dpmodel"));
        QCOMPARE(int(tuned.epochs.size()), 3);
        QCOMPARE(accuracyOf(parent.model, personal),
                 effect.personalAccuracyBefore); // parent untouched
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
        config = quickMlp();
        config.earlyStopPatience = -2;
        QTest::newRow("negative patience") << "early-stop patience" << config;
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
