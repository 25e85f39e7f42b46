#include "atomic_file.h"

#include "error.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace digitpad {

namespace {

constexpr char kTemporaryInfix[] = ".part-";
constexpr qint64 kStaleAfterSeconds = 600;

QString systemError() {
    return QString::fromLocal8Bit(std::strerror(errno));
}

// A temporary file of an earlier write that was killed between writing and renaming: after ten
// minutes no write is still using it.
void removeStaleTemporaries(const QFileInfo &target) {
    const QDir dir = target.absoluteDir();
    const QString pattern =
        target.fileName() + QLatin1String(kTemporaryInfix) + QStringLiteral("??????");
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const QFileInfo &stale : dir.entryInfoList({pattern}, QDir::Files | QDir::Hidden))
        if (stale.lastModified().toUTC().secsTo(now) > kStaleAfterSeconds)
            QFile::remove(stale.absoluteFilePath());
}

} // namespace

void writeFileAtomically(const QString &path, const QByteArray &bytes) {
    const QFileInfo target(path);
    if (!QDir().mkpath(target.absolutePath()))
        throw Error(
            QStringLiteral("%1: cannot create the folder %2").arg(path, target.absolutePath()));
    removeStaleTemporaries(target);
    // Written beside the target, flushed to the disk, then renamed over it, and the folder
    // flushed: after a crash or power cut the file is the old one or the new one, whole.
    QTemporaryFile temporary(target.absoluteFilePath() + QLatin1String(kTemporaryInfix) +
                             QStringLiteral("XXXXXX"));
    if (!temporary.open())
        throw Error(QStringLiteral("%1: cannot write: %2").arg(path, temporary.errorString()));
    // A temporary file is private (0600); the file it becomes keeps the old one's permissions,
    // or gets the usual rw-r--r--.
    temporary.setPermissions(target.exists() ? QFile::permissions(path)
                                             : QFile::ReadOwner | QFile::WriteOwner |
                                                   QFile::ReadGroup | QFile::ReadOther);
    if (temporary.write(bytes) != bytes.size() || !temporary.flush())
        throw Error(QStringLiteral("%1: writing failed: %2").arg(path, temporary.errorString()));
    if (::fsync(temporary.handle()) != 0)
        throw Error(QStringLiteral("%1: cannot flush to the disk: %2").arg(path, systemError()));
    if (::rename(QFile::encodeName(temporary.fileName()).constData(),
                 QFile::encodeName(target.absoluteFilePath()).constData()) != 0)
        throw Error(QStringLiteral("%1: cannot replace the file: %2").arg(path, systemError()));
    temporary.setAutoRemove(false); // it is the target now
    const int folder = ::open(QFile::encodeName(target.absolutePath()).constData(),
                              O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    const bool folderFlushed = folder >= 0 && ::fsync(folder) == 0;
    const QString folderError = systemError();
    if (folder >= 0)
        ::close(folder);
    if (!folderFlushed)
        throw Error(QStringLiteral("%1: written, but its folder cannot be flushed to the disk: %2")
                        .arg(path, folderError));
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
                        .arg(maxBytes / (qint64(1024) * 1024)));
    return file.readAll();
}

} // namespace digitpad
