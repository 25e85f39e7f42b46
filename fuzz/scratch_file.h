#pragma once

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QString>
#include <cstdio>
#include <cstdlib>

// Some readers under test take a path, not bytes, so each input is written to a file first. The
// file is in /dev/shm when there is one (memory, so that millions of writes cost no disk I/O),
// one per fuzzer process, and removed when the fuzzer ends normally.
class ScratchFile {
  public:
    explicit ScratchFile(const QString &name)
        : m_path(QStringLiteral("%1/digitpad-fuzz-%2-%3")
                     .arg(folder())
                     .arg(QCoreApplication::applicationPid())
                     .arg(name)) {}
    ~ScratchFile() { QFile::remove(m_path); }
    ScratchFile(const ScratchFile &) = delete;
    ScratchFile &operator=(const ScratchFile &) = delete;

    const QString &path() const { return m_path; }

    // A harness that cannot write its input would fuzz nothing: stop at once rather than report
    // every input as read.
    void write(const QByteArray &bytes) const {
        QFile file(m_path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            file.write(bytes) != bytes.size()) {
            std::fprintf(stderr, "cannot write the scratch file %s\n", qPrintable(m_path));
            std::abort();
        }
    }

  private:
    static QString folder() {
        return QDir(QStringLiteral("/dev/shm")).exists() ? QStringLiteral("/dev/shm")
                                                         : QDir::tempPath();
    }

    QString m_path;
};
