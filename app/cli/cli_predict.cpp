#include "cli_command.h"
#include "cli_support.h"
#include "error.h"
#include "number_reading.h"
#include "preprocess.h"

#include <QJsonObject>

int runPredict(const QStringList &arguments) {
    QCommandLineParser parser;
    parser.addOptions({cli::modelOption()});
    parser.addPositionalArgument(
        QStringLiteral("IMAGE"),
        QStringLiteral("Image files (PNG, JPEG, BMP, ...): a digit or a number each, "
                       "any size, dark on light or light on dark."),
        QStringLiteral("IMAGE..."));
    cli::parseOrExit(
        parser, arguments,
        QStringLiteral("Read the digits in each image. One JSON object per line: file, "
                       "digit, confidence, probabilities, is_digit, not_digit_score "
                       "(the image as one digit), number and digits (each digit "
                       "found, left to right, with its box)."));
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty())
        throw cli::UsageError(QStringLiteral("predict needs at least one IMAGE"));

    const digitpad::Classifier model = cli::loadModelFromOption(parser);
    int failures = 0;
    for (const QString &file : files) {
        try {
            cli::requireRegularFile(file);
            const QJsonObject reading =
                digitpad::readPicture(model, digitpad::loadImageFile(file)).toJson();
            QJsonObject line{{QStringLiteral("file"), file}};
            for (auto field = reading.begin(); field != reading.end(); ++field)
                line.insert(field.key(), field.value());
            cli::printJson(line);
        } catch (const digitpad::Error &error) {
            // Name the file even when the fault was found after decoding (e.g. no ink).
            const QString &message = error.message();
            cli::printError(message.startsWith(file) ? message
                                                     : file + QStringLiteral(": ") + message);
            ++failures;
        }
    }
    return failures == 0 ? 0 : 1;
}
