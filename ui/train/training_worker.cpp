#include "training_worker.h"

#include "error.h"
#include "model_history.h"
#include "personal_samples.h"
#include "training_data.h"

void TrainingWorker::run(const TrainingRequest &request) {
    try {
        digitpad::TrainingData data =
            digitpad::prepareTrainingData(request.dataFolder, request.config.validationFraction,
                                          request.config.seed, request.limit);
        if (!request.personalFolder.isEmpty()) {
            const digitpad::PersonalSamples personal(request.personalFolder);
            data.train.append(personal.samples());
        }
        Q_EMIT started(data.train.size(), data.validation.size(),
                       request.config.effectiveThreads());

        digitpad::TrainingCallbacks callbacks;
        callbacks.onBatch = [this](const digitpad::BatchStats &stats) { Q_EMIT batchDone(stats); };
        callbacks.onEpoch = [this](const digitpad::EpochStats &stats) { Q_EMIT epochDone(stats); };
        callbacks.shouldStop = [this] { return m_stopRequested->load(); };
        const digitpad::TrainingResult result =
            digitpad::train(request.config, data.train, data.validation, callbacks);
        if (result.cancelled) {
            Q_EMIT stopped(); // the half-trained model is dropped; nothing is written
            return;
        }
        const QString path = digitpad::saveTrainingRun(result.model, request.runsFolder);
        Q_EMIT finished(TrainedModel{result.model, path, result.trainSeconds});
    } catch (const digitpad::Error &error) {
        Q_EMIT failed(error.message());
    } catch (const std::exception &error) {
        Q_EMIT failed(QString::fromLocal8Bit(error.what()));
    }
}
