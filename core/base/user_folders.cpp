#include "user_folders.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace digitpad {

namespace {
const QString kFolder = QStringLiteral("/digitpad");
const QString kOldFolder = QStringLiteral("/DigitPad");

QString location(QStandardPaths::StandardLocation where) {
    return QStandardPaths::writableLocation(where);
}

// A rename, never a copy: on a case-insensitive file system the old and new names can be one
// file, which the existence check leaves alone.
void moveOnce(const QString &from, const QString &to) {
    if (!QFileInfo::exists(from) || QFileInfo::exists(to))
        return;
    QDir().mkpath(QFileInfo(to).absolutePath());
    QDir().rename(from, to);
}

void removeIfEmpty(const QString &folder) {
    QDir().rmdir(folder); // refuses a folder that still holds anything
}
} // namespace

QString userDataFolder() {
    return location(QStandardPaths::GenericDataLocation) + kFolder;
}

QString userCacheFolder() {
    return location(QStandardPaths::GenericCacheLocation) + kFolder;
}

QString userConfigFolder() {
    return location(QStandardPaths::GenericConfigLocation) + kFolder;
}

QString userSettingsFile() {
    return userConfigFolder() + QStringLiteral("/digitpad.conf");
}

void moveOldUserFolders() {
    const QString oldConfig = location(QStandardPaths::GenericConfigLocation) + kOldFolder;
    moveOnce(oldConfig + QStringLiteral("/DigitPad.conf"), userSettingsFile());
    removeIfEmpty(oldConfig);

    const QString oldCache = location(QStandardPaths::GenericCacheLocation) + kOldFolder;
    moveOnce(oldCache + QStringLiteral("/DigitPad/features"),
             userCacheFolder() + QStringLiteral("/features"));
    removeIfEmpty(oldCache + QStringLiteral("/DigitPad"));
    removeIfEmpty(oldCache);
}

} // namespace digitpad
