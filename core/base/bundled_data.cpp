#include "bundled_data.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace digitpad {

QString bundledDataPath(const QString &relativePath) {
    QString besideProgram = QDir::cleanPath(QCoreApplication::applicationDirPath() +
                                            QStringLiteral("/../share/digitpad/") + relativePath);
    if (QFileInfo::exists(besideProgram))
        return besideProgram;
    const QString installed = QStandardPaths::locate(
        QStandardPaths::GenericDataLocation, QStringLiteral("digitpad/") + relativePath,
        QStandardPaths::LocateFile | QStandardPaths::LocateDirectory);
    return installed.isEmpty() ? besideProgram : installed;
}

} // namespace digitpad
