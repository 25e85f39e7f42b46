#include "model_paths.h"

#include "bundled_data.h"
#include "user_folders.h"

#include <QDir>
#include <QFileInfo>

namespace digitpad {

QString userModelsDirectory() {
    return userDataFolder() + QStringLiteral("/models");
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
