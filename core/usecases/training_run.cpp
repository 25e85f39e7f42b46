#include "training_run.h"

#include "checkpoint.h"
#include "error.h"
#include "model_history.h"
#include "personal_samples.h"

#include <optional>

#include <QDir>
#include <QFileInfo>
#include <QTemporaryFile>

namespace digitpad {

namespace {

// A full run lost to a typo in --out or a read-only folder is minutes of work: find out first.
void checkWritableFolder(const QString &folder) {
    if (!QDir().mkpath(folder))
        throw Error(QStringLiteral("cannot create the folder %1").arg(folder));
    QTemporaryFile probe(QDir(folder).filePath(QStringLiteral(".digitpad-write-check-XXXXXX")));
    if (!probe.open())
        throw Error(QStringLiteral("cannot write in %1: %2").arg(folder, probe.errorString()));
}

// The parent's own splits when they can be rebuilt (its validation digits are ones it never
// trained on, and its metadata already holds its score on them); otherwise the data asked for,
// split with the parent's seed and fraction.
TrainingData fineTuneData(const TrainingRunRequest &request, FineTuning &fineTuning) {
    const ModelMetadata &parent = fineTuning.parent.metadata();
    if (request.dataFolder.isEmpty() && request.limit == 0) {
        fineTuning.parentValidationAccuracy = parent.validationAccuracy;
        return splitsOf(parent);
    }
    const TrainingConfig parentConfig = TrainingConfig::fromJson(parent.trainingConfig);
    return prepareTrainingData(request.dataFolder, parentConfig.validationFraction,
                               parentConfig.seed, request.limit);
}

} // namespace

FiledRun trainAndFileRun(const TrainingRunRequest &request, const TrainingRunCallbacks &callbacks) {
    const QString runsFolder =
        request.runsFolder.isEmpty() ? trainingRunsDirectory() : request.runsFolder;
    if (!request.outputPath.isEmpty() && QFileInfo(request.outputPath).isDir())
        throw Error(QStringLiteral("%1 is a folder, not a model file").arg(request.outputPath));
    checkWritableFolder(
        request.outputPath.isEmpty() ? runsFolder : QFileInfo(request.outputPath).absolutePath());

    std::optional<FineTuning> fineTuning;
    TrainingData data;
    if (!request.parentModelPath.isEmpty()) {
        fineTuning.emplace();
        fineTuning->parent = loadModel(request.parentModelPath);
        fineTuning->parentName = QFileInfo(request.parentModelPath).fileName();
        data = fineTuneData(request, *fineTuning);
        if (!request.personalFolder.isEmpty())
            fineTuning->personal = PersonalSamples(request.personalFolder).samples();
    } else {
        std::optional<LabelMarks> marks;
        if (!request.excludeMarkedPath.isEmpty())
            marks.emplace(request.excludeMarkedPath);
        data = prepareTrainingData(request.dataFolder, request.config.validationFraction,
                                   request.config.seed, request.limit, marks ? &*marks : nullptr);
        if (marks)
            data.train.name += QStringLiteral(", %1 marked wrong left out").arg(data.leftOut);
        if (!request.personalFolder.isEmpty())
            data.train.append(PersonalSamples(request.personalFolder).samples());
    }
    if (callbacks.onDataReady)
        callbacks.onDataReady(data, request.config.effectiveThreads());

    FiledRun run{train(request.config, data.train, data.validation, callbacks,
                       fineTuning ? &*fineTuning : nullptr),
                 QString()};
    if (run.result.cancelled)
        return run;
    if (request.outputPath.isEmpty()) {
        run.path = saveTrainingRun(run.result.model, runsFolder);
    } else {
        saveModel(run.result.model, request.outputPath);
        run.path = QFileInfo(request.outputPath).absoluteFilePath();
    }
    return run;
}

} // namespace digitpad
