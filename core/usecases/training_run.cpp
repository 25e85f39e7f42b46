#include "training_run.h"

#include "checkpoint.h"
#include "error.h"
#include "model_history.h"
#include "personal_samples.h"

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

} // namespace

FiledRun trainAndFileRun(const TrainingRunRequest &request, const TrainingRunCallbacks &callbacks) {
    const QString runsFolder =
        request.runsFolder.isEmpty() ? trainingRunsDirectory() : request.runsFolder;
    if (!request.outputPath.isEmpty() && QFileInfo(request.outputPath).isDir())
        throw Error(QStringLiteral("%1 is a folder, not a model file").arg(request.outputPath));
    checkWritableFolder(
        request.outputPath.isEmpty() ? runsFolder : QFileInfo(request.outputPath).absolutePath());

    TrainingData data = prepareTrainingData(request.dataFolder, request.config.validationFraction,
                                            request.config.seed, request.limit);
    if (!request.personalFolder.isEmpty())
        data.train.append(PersonalSamples(request.personalFolder).samples());
    if (callbacks.onDataReady)
        callbacks.onDataReady(data, request.config.effectiveThreads());

    FiledRun run{train(request.config, data.train, data.validation, callbacks), QString()};
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
