#include "checkpoint.h"
#include "cli_command.h"
#include "cli_support.h"

int runInfo(const QStringList &arguments) {
    QCommandLineParser parser;
    parser.addOptions({cli::modelOption()});
    cli::parseOrExit(
        parser, arguments,
        QStringLiteral("Print a model's metadata as JSON after checking that it loads."));
    QString path;
    const digitpad::Classifier model = cli::loadModelFromOption(parser, &path);
    QJsonObject json = model.metadata().toJson();
    json.insert(QStringLiteral("path"), path);
    cli::printJson(json);
    return 0;
}
