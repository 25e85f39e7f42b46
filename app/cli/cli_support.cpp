#include "cli_support.h"

#include "checkpoint.h"
#include "error.h"
#include "model_paths.h"
#include "personal_samples.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sys/stat.h>

namespace cli {

void parseOrExit(QCommandLineParser &parser, const QStringList &arguments, const QString &summary) {
    parser.setApplicationDescription(summary);
    // Not addHelpOption(): its --help-all lists Qt's own options, which no command takes.
    parser.addOption({{QStringLiteral("h"), QStringLiteral("help")},
                      QStringLiteral("Show this help: the command's options and their defaults.")});
    if (!parser.parse(arguments)) {
        printError(parser.errorText());
        std::exit(2);
    }
    if (parser.isSet(QStringLiteral("help"))) {
        // Qt names the program by its path; the usage line names the command ("digitpad-cli
        // predict"), as arguments[0] does.
        QString help = parser.helpText();
        const QString usage = QStringLiteral("Usage: ");
        const QString program = QCoreApplication::arguments().value(0);
        if (!program.isEmpty() && help.startsWith(usage + program))
            help.replace(usage.size(), program.size(), arguments.value(0));
        std::fputs(qPrintable(help), stdout);
        std::exit(0);
    }
}

void printJson(const QJsonObject &object) {
    const QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact);
    std::fwrite(line.constData(), 1, std::size_t(line.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void printError(const QString &message) {
    std::fprintf(stderr, "digitpad-cli: %s\n", qPrintable(message));
}

void printProgress(const QString &line) {
    std::fprintf(stderr, "%s\n", qPrintable(line));
    std::fflush(stderr);
}

int intOption(const QCommandLineParser &parser, const QString &name, int fallback) {
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok)
        throw digitpad::Error(
            QStringLiteral("--%1: '%2' is not a whole number").arg(name, parser.value(name)));
    return value;
}

double realOption(const QCommandLineParser &parser, const QString &name, double fallback) {
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const double value = parser.value(name).toDouble(&ok);
    if (!ok || !std::isfinite(value))
        throw digitpad::Error(
            QStringLiteral("--%1: '%2' is not a finite number").arg(name, parser.value(name)));
    return value;
}

namespace {
QString kindOf(mode_t mode) {
    if (S_ISDIR(mode))
        return QStringLiteral("a folder");
    if (S_ISREG(mode))
        return QStringLiteral("a file");
    if (S_ISFIFO(mode))
        return QStringLiteral("a named pipe (FIFO)");
    if (S_ISSOCK(mode))
        return QStringLiteral("a socket");
    return QStringLiteral("a device");
}

// What is at `path` (following symbolic links), or an error naming it as `missing` says.
mode_t modeOf(const QString &path, const QString &missing) {
    struct stat info {};
    if (::stat(QFile::encodeName(path).constData(), &info) == 0)
        return info.st_mode;
    if (errno == ENOENT || errno == ENOTDIR)
        throw digitpad::Error(QStringLiteral("%1: %2").arg(path, missing));
    throw digitpad::Error(
        QStringLiteral("%1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
}
} // namespace

void requireRegularFile(const QString &path) {
    const mode_t mode = modeOf(path, QStringLiteral("no such file"));
    if (!S_ISREG(mode))
        throw digitpad::Error(
            QStringLiteral("%1: is %2, not a regular file").arg(path, kindOf(mode)));
}

void requireFolder(const QString &path) {
    const mode_t mode = modeOf(path, QStringLiteral("no such folder"));
    if (!S_ISDIR(mode))
        throw digitpad::Error(QStringLiteral("%1: is %2, not a folder").arg(path, kindOf(mode)));
}

QCommandLineOption folderOption() {
    return {QStringLiteral("folder"), QStringLiteral("The IDX folder for --source folder."),
            QStringLiteral("DIR")};
}

QString sourceFolder(const QCommandLineParser &parser, digitpad::EvaluationSource source) {
    if (source == digitpad::EvaluationSource::PersonalSamples)
        return digitpad::PersonalSamples::defaultFolder();
    QString folder = parser.value(QStringLiteral("folder"));
    if (source == digitpad::EvaluationSource::IdxFolder && !folder.isEmpty())
        requireFolder(folder);
    return folder;
}

QCommandLineOption modelOption() {
    return QCommandLineOption(QStringLiteral("model"),
                              QStringLiteral("Model file (.dpmodel). Default: %1")
                                  .arg(QStringLiteral("$DIGITPAD_MODEL, else the user's "
                                                      "default.dpmodel, else the bundled model")),
                              QStringLiteral("FILE"));
}

digitpad::Classifier loadModelFromOption(const QCommandLineParser &parser, QString *path) {
    const QString modelPath = parser.isSet(QStringLiteral("model"))
                                  ? parser.value(QStringLiteral("model"))
                                  : digitpad::defaultModelPath();
    if (path)
        *path = modelPath;
    if (!parser.isSet(QStringLiteral("model")) && !QFileInfo::exists(modelPath))
        throw digitpad::Error(QStringLiteral("%1: no default model yet; run scripts/setup.sh or "
                                             "'digitpad-cli train', or pass --model")
                                  .arg(modelPath));
    requireRegularFile(modelPath);
    return digitpad::loadModel(modelPath);
}

std::function<bool()> stopOnCtrlC() {
    static std::atomic<bool> interrupted{false};
    std::signal(SIGINT, [](int) { interrupted = true; });
    return [] { return interrupted.load(); };
}

} // namespace cli
