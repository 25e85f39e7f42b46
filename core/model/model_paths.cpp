#include "model_paths.h"

#include "bundled_data.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace digitpad {

QString userModelsDirectory() {
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/digitpad/models");
}

QString bundledDefaultModelPath() {
    return bundledDataPath(QStringLiteral("models/default.dpmodel"));
}

QString defaultModelPath() {
    QString fromEnvironment = qEnvironmentVariable("DIGITPAD_MODEL");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    QString user = userModelsDirectory() + QStringLiteral("/default.dpmodel");
    if (QFileInfo::exists(user))
        return user;
    return bundledDefaultModelPath();
}

} // namespace digitpad
