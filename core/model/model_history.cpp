#include "model_history.h"

#include "checkpoint.h"
#include "error.h"
#include "model_paths.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <algorithm>

namespace digitpad {

QString trainingRunsDirectory() {
    return userModelsDirectory() + QStringLiteral("/runs");
}

QString saveTrainingRun(const Classifier &model, const QString &folder) {
    const QDateTime created = model.metadata().createdAt.isValid() ? model.metadata().createdAt
                                                                   : QDateTime::currentDateTime();
    const QString stem = QStringLiteral("%1-%2").arg(
        created.toLocalTime().toString(QStringLiteral("yyyyMMdd-HHmmss")),
        model.metadata().architecture);
    const QDir dir(folder);
    QString path = dir.filePath(stem + QStringLiteral(".dpmodel"));
    for (int suffix = 2; QFileInfo::exists(path); ++suffix) // two runs in one second
        path = dir.filePath(QStringLiteral("%1-%2.dpmodel").arg(stem).arg(suffix));
    saveModel(model, path);
    return path;
}

std::vector<SavedModel> listTrainingRuns(const QString &folder) {
    std::vector<SavedModel> runs;
    const QFileInfoList files =
        QDir(folder).entryInfoList({QStringLiteral("*.dpmodel")}, QDir::Files | QDir::Readable);
    for (const QFileInfo &file : files) {
        try {
            runs.push_back({file.absoluteFilePath(), readModelMetadata(file.absoluteFilePath())});
        } catch (const Error &) {
            // A foreign or damaged file in the folder must not hide the good ones.
        }
    }
    std::sort(runs.begin(), runs.end(), [](const SavedModel &a, const SavedModel &b) {
        if (a.metadata.createdAt != b.metadata.createdAt)
            return a.metadata.createdAt > b.metadata.createdAt;
        return a.path > b.path;
    });
    return runs;
}

} // namespace digitpad
