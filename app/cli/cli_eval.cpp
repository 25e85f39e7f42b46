#include "cli_command.h"
#include "cli_support.h"
#include "dataset.h"
#include "error.h"
#include "evaluation.h"

int runEval(const QStringList &arguments) {
    QCommandLineParser parser;
    parser.addOptions({
        cli::modelOption(),
        {QStringLiteral("images"), QStringLiteral("IDX image file (idx3, raw or .gz)."),
         QStringLiteral("IDX")},
        {QStringLiteral("labels"), QStringLiteral("IDX label file (idx1, raw or .gz)."),
         QStringLiteral("IDX")},
    });
    cli::parseOrExit(
        parser, arguments,
        QStringLiteral("Evaluate a model: accuracy, loss, confusion matrix (rows: true "
                       "digit, columns: predicted) and per-class metrics as JSON."));
    if (!parser.isSet(QStringLiteral("images")) || !parser.isSet(QStringLiteral("labels")))
        throw digitpad::Error(QStringLiteral("eval needs --images IDX and --labels IDX"));

    QString modelPath;
    const digitpad::Classifier model = cli::loadModelFromOption(parser, &modelPath);
    const digitpad::Dataset dataset = digitpad::loadDatasetPair(
        parser.value(QStringLiteral("images")), parser.value(QStringLiteral("labels")));
    QJsonObject json = digitpad::evaluate(model, dataset).toJson();
    json.insert(QStringLiteral("model"), modelPath);
    cli::printJson(json);
    return 0;
}
