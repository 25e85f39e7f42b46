#include "process_stats.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QList>
#include <sys/resource.h>
#include <unistd.h>

namespace digitpad {

namespace {
QByteArray readProcFile(const char *path) {
    QFile file(QString::fromLatin1(path));
    // /proc files report a size of 0: read until the end, at most a page or two.
    return file.open(QIODevice::ReadOnly) ? file.read(8192) : QByteArray();
}

// When the machine booted, in seconds since the epoch ("btime" in /proc/stat).
std::optional<double> bootTime() {
    for (const QByteArray &line : readProcFile("/proc/stat").split('\n'))
        if (line.startsWith("btime "))
            return line.mid(6).trimmed().toDouble();
    return std::nullopt;
}
} // namespace

ProcessStats ProcessStats::now() {
    ProcessStats stats;
    // /proc/self/stat: "pid (name) state ...": the name may hold spaces and parentheses, so the
    // fields are counted from the last ')'. After it, field 3 (state) is at index 0.
    const QByteArray stat = readProcFile("/proc/self/stat");
    const qsizetype nameEnd = stat.lastIndexOf(')');
    const QList<QByteArray> fields =
        nameEnd < 0 ? QList<QByteArray>() : stat.mid(nameEnd + 2).split(' ');
    const double ticks = double(sysconf(_SC_CLK_TCK));
    const long pageSize = sysconf(_SC_PAGESIZE);
    if (fields.size() > 21 && ticks > 0 && pageSize > 0) {
        stats.cpuSeconds = (fields[11].toDouble() + fields[12].toDouble()) / ticks; // utime, stime
        if (const std::optional<double> booted = bootTime())
            stats.startTimeSeconds = *booted + fields[19].toDouble() / ticks; // starttime
        stats.virtualBytes = fields[20].toDouble();                           // vsize
        stats.residentBytes = fields[21].toDouble() * double(pageSize);       // rss, in pages
    }
    const QDir descriptors(QStringLiteral("/proc/self/fd"));
    if (descriptors.exists())
        stats.openFds = double(
            descriptors
                .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System | QDir::Hidden)
                .size());
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
        stats.maxFds = double(limit.rlim_cur);
    return stats;
}

} // namespace digitpad
