#include "cli_command.h"
#include "cli_support.h"
#include "error.h"
#include "trainer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <unistd.h>

namespace {

const char kUsage[] =
    "Usage: digitpad-cli <command> [options]\n"
    "\n"
    "Handwritten-digit recognition from scripts. JSON on stdout, progress on stderr.\n"
    "\n"
    "Commands:\n"
    "  train     train a model (quick, cnn or mlp) on the MNIST training set or an IDX folder\n"
    "  eval      accuracy, loss, confusion matrix and per-class metrics on IDX files\n"
    "  predict   read digits from image files, one JSON object per line\n"
    "  labels    find digits whose label is probably wrong (confident learning)\n"
    "  info      print a model file's metadata\n"
    "  serve     HTTP prediction API (loopback only unless --host says otherwise)\n"
    "  upgrade-model  rewrite an old model file in the current format\n"
    "\n"
    "Run 'digitpad-cli help <command>' (or '<command> --help') for a command's options.\n"
    "Options: -h, --help; -V, --version\n";

// Painting text asks Qt for the session's runtime folder, and where a script, a container or CI
// has none (XDG_RUNTIME_DIR unset), Qt prints a warning among the command's output and uses
// /tmp/runtime-USER. This gives it a private folder of the same kind, silently, when the folder
// is ours.
void provideRuntimeFolder() {
    if (!qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR"))
        return;
    const QString folder =
        QDir::tempPath() + QStringLiteral("/runtime-") + QString::number(::getuid());
    QDir().mkpath(folder);
    const QFileInfo info(folder);
    if (!info.isDir() || info.isSymLink() || info.ownerId() != ::getuid() ||
        !QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                           QFileDevice::ExeOwner))
        return; // someone else's: Qt's own check and warning stand
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(folder));
}

} // namespace

int main(int argc, char *argv[]) {
    // `eval --report` paints charts, and text needs fonts, which need a QGuiApplication (without
    // a window, so offscreen). Other commands stay on QCoreApplication: no platform plugin to load.
    const bool paintsCharts = argc > 1 && std::strcmp(argv[1], "eval") == 0 &&
                              std::any_of(argv + 2, argv + argc, [](const char *argument) {
                                  return std::strncmp(argument, "--report", 8) == 0;
                              });
    if (paintsCharts && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (paintsCharts)
        provideRuntimeFolder();
    const std::unique_ptr<QCoreApplication> application =
        paintsCharts ? std::make_unique<QGuiApplication>(argc, argv)
                     : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("digitpad-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DIGITPAD_VERSION));

    QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() < 2 || arguments[1] == QLatin1String("--help") ||
        arguments[1] == QLatin1String("-h")) {
        std::fputs(kUsage, arguments.size() < 2 ? stderr : stdout);
        return arguments.size() < 2 ? 2 : 0;
    }
    if (arguments[1] == QLatin1String("help")) { // "help", or "help predict" for its options
        if (arguments.size() < 3) {
            std::fputs(kUsage, stdout);
            return 0;
        }
        arguments = {arguments[0], arguments[2], QStringLiteral("--help")};
    }
    if (arguments[1] == QLatin1String("--version") || arguments[1] == QLatin1String("-V")) {
        // The recipe tells scripts (setup.sh) whether a model was trained the way this one trains.
        std::printf("digitpad-cli %s (training recipe %d)\n", DIGITPAD_VERSION,
                    digitpad::kTrainingRecipe);
        return 0;
    }
    const std::map<QString, std::function<int(const QStringList &)>> commands = {
        {QStringLiteral("train"), runTrain},
        {QStringLiteral("eval"), runEval},
        {QStringLiteral("labels"), runLabels},
        {QStringLiteral("predict"), runPredict},
        {QStringLiteral("info"), runInfo},
        {QStringLiteral("serve"), runServe},
        {QStringLiteral("upgrade-model"), runUpgradeModel},
    };
    const QString command = arguments[1];
    const auto found = commands.find(command);
    if (found == commands.end()) {
        cli::printError(QStringLiteral("unknown command '%1' (try --help)").arg(command));
        return 2;
    }
    arguments.removeAt(1);
    arguments[0] = QStringLiteral("digitpad-cli ") + command;
    try {
        return found->second(arguments);
    } catch (const cli::UsageError &error) {
        cli::printError(
            QStringLiteral("%1 (try 'digitpad-cli help %2')").arg(error.message(), command));
        return 2;
    } catch (const digitpad::Error &error) {
        cli::printError(error.message());
    } catch (const std::exception &error) {
        cli::printError(
            QStringLiteral("unexpected error: %1").arg(QString::fromLocal8Bit(error.what())));
    }
    return 1;
}
