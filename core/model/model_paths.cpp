#include "model_paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace digitpad {

QString userModelsDirectory() {
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/digitpad/models");
}

QString bundledDefaultModelPath() {
    return QDir(QCoreApplication::applicationDirPath())
        .absoluteFilePath(QStringLiteral("../share/digitpad/models/default.dpmodel"));
}

QString defaultModelPath() {
    const QString fromEnvironment = qEnvironmentVariable("DIGITPAD_MODEL");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    const QString user = userModelsDirectory() + QStringLiteral("/default.dpmodel");
    if (QFileInfo::exists(user))
        return user;
    return QDir::cleanPath(bundledDefaultModelPath());
}

} // namespace digitpad
