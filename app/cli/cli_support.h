#pragma once

#include "error.h"

#include "classifier.h"
#include "evaluation_source.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QString>
#include <functional>

// Shared plumbing of the subcommands: parsing, stdout JSON, stderr messages, model loading.
namespace cli {

// A command line that asks for nothing this program can do (a missing argument): exit code 2, as
// for an unknown option, where a failure of the work itself is 1.
class UsageError : public digitpad::Error {
  public:
    using digitpad::Error::Error;
};

// Parses or exits: --help prints the help and exits 0, an unknown option exits 2 with a line.
void parseOrExit(QCommandLineParser &parser, const QStringList &arguments, const QString &summary);

void printJson(const QJsonObject &object); // one compact line on stdout
void printError(const QString &message);   // "digitpad-cli: <message>" on stderr
void printProgress(const QString &line);   // stderr

// From this call on, Ctrl+C asks the long work to stop at its next check (the returned
// predicate, for its callbacks' shouldStop) instead of killing the process in the middle of
// writing a file.
std::function<bool()> stopOnCtrlC();

// Integer/real option values, or a digitpad::Error naming the option and the bad value.
int intOption(const QCommandLineParser &parser, const QString &name, int fallback);
double realOption(const QCommandLineParser &parser, const QString &name, double fallback);

QCommandLineOption modelOption();
// --folder DIR, for --source folder; and the folder a source reads: that one, or the personal
// samples' folder for --source personal.
QCommandLineOption folderOption();
QString sourceFolder(const QCommandLineParser &parser, digitpad::EvaluationSource source);
// A path given on the command line that must be a regular file, or a folder: anything else (a
// named pipe, a device, a socket, a folder for a file) is refused with the words for what it is,
// before anything reads it, since opening a named pipe with no writer would wait forever.
void requireRegularFile(const QString &path);
void requireFolder(const QString &path);
// The model named by --model, else the default model; errors name the path.
digitpad::Classifier loadModelFromOption(const QCommandLineParser &parser, QString *path = nullptr);

} // namespace cli
