#include "checkpoint.h"
#include "cli_command.h"
#include "cli_support.h"
#include "error.h"

#include <QFileInfo>

int runUpgradeModel(const QStringList &arguments) {
    QCommandLineParser parser;
    parser.addOptions({
        {QStringLiteral("model"), QStringLiteral("The model file to read (any format)."),
         QStringLiteral("FILE")},
        {QStringLiteral("out"), QStringLiteral("Where to write it in the current format."),
         QStringLiteral("FILE")},
    });
    cli::parseOrExit(parser, arguments,
                     QStringLiteral("Rewrite a model file in the current format (DigitPad's own "
                                    "weights encoding). DigitPad runs this itself, in a separate "
                                    "process, to read old files safely."));
    const QString in = parser.value(QStringLiteral("model"));
    const QString out = parser.value(QStringLiteral("out"));
    if (in.isEmpty() || out.isEmpty())
        throw digitpad::Error(QStringLiteral("upgrade-model needs --model FILE and --out FILE"));
    digitpad::saveModel(digitpad::loadLegacyModelInThisProcess(in), out);
    cli::printJson({{QStringLiteral("model"), QFileInfo(in).absoluteFilePath()},
                    {QStringLiteral("output"), QFileInfo(out).absoluteFilePath()}});
    return 0;
}
