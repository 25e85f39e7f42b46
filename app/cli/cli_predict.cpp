#include "cli_command.h"
#include "cli_support.h"
#include "error.h"
#include "preprocess.h"

#include <QJsonObject>

int runPredict(const QStringList &arguments) {
    QCommandLineParser parser;
    parser.addOptions({cli::modelOption()});
    parser.addPositionalArgument(
        QStringLiteral("IMAGE"),
        QStringLiteral("Image files (PNG, JPEG, BMP, ...): one digit each, "
                       "any size, dark on light or light on dark."),
        QStringLiteral("IMAGE..."));
    cli::parseOrExit(parser, arguments,
                     QStringLiteral("Read the digit in each image. One JSON object per line: file, "
                                    "digit, confidence, probabilities."));
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty())
        throw digitpad::Error(QStringLiteral("predict needs at least one IMAGE"));

    const digitpad::Classifier model = cli::loadModelFromOption(parser);
    int failures = 0;
    for (const QString &file : files) {
        try {
            const digitpad::Prediction prediction =
                model.predict(digitpad::preprocessImage(digitpad::loadImageFile(file)));
            QJsonObject line{{QStringLiteral("file"), file}};
            const QJsonObject reading = prediction.toJson();
            for (auto field = reading.begin(); field != reading.end(); ++field)
                line.insert(field.key(), field.value());
            cli::printJson(line);
        } catch (const digitpad::Error &error) {
            // Name the file even when the fault was found after decoding (e.g. no ink).
            const QString message = error.message();
            cli::printError(message.startsWith(file) ? message
                                                     : file + QStringLiteral(": ") + message);
            ++failures;
        }
    }
    return failures == 0 ? 0 : 1;
}
