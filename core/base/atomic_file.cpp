#include "atomic_file.h"

#include "error.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace digitpad {

void writeFileAtomically(const QString &path, const QByteArray &bytes) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw Error(QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
    if (file.write(bytes) != bytes.size() || !file.commit())
        throw Error(QStringLiteral("%1: writing failed: %2").arg(path, file.errorString()));
}

QByteArray readWholeFile(const QString &path, qint64 maxBytes) {
    QFile file(path);
    if (!QFileInfo(path).isFile())
        throw Error(QStringLiteral("%1: no such file").arg(path));
    if (!file.open(QIODevice::ReadOnly))
        throw Error(QStringLiteral("%1: cannot open: %2").arg(path, file.errorString()));
    if (file.size() > maxBytes)
        throw Error(QStringLiteral("%1: %2 bytes is larger than the %3 MB limit")
                        .arg(path)
                        .arg(file.size())
                        .arg(maxBytes / (1024 * 1024)));
    return file.readAll();
}

} // namespace digitpad
