// Robustness to other hands: digits no MNIST writer drew (pen_digits.h), in every common style,
// read as the Draw tab reads them (readPicture). A digit is read right only as exactly that one
// digit: a rejected digit ("not a digit") or one cut into several is wrong. Prints accuracy
// overall, per style and per digit, and the share rejected. pen_digits.h's pen model is the one
// augmentation was tuned against, so this is a tuning figure; bench_judge's "hands" set judges.
//   bench_robustness [model.dpmodel] [samples per style]   (defaults: the default model, 60)
#include "bench_stats.h"
#include "checkpoint.h"
#include "error.h"
#include "model_paths.h"
#include "number_reading.h"
#include "pen_digits.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <cstdio>
#include <map>

int main(int argc, char **argv) {
    return guardedMain([&]() -> int {
        QGuiApplication app(argc, argv);
        const QStringList arguments = app.arguments();
        const QString modelPath =
            arguments.size() > 1 ? arguments[1] : digitpad::defaultModelPath();
        const int perStyle = arguments.size() > 2 ? countArgument(arguments[2]) : 60;
        const digitpad::Classifier model = digitpad::loadModel(modelPath);
        QRandomGenerator random(20261125); // the same set for every model
        int correct = 0, total = 0, rejected = 0;
        std::map<int, std::pair<int, int>> perDigit;
        std::printf("%-16s %s\n", "style", "accuracy");
        for (const PenDigitStyle &style : penDigitStyles()) {
            int styleCorrect = 0;
            for (int i = 0; i < perStyle; ++i) {
                const PenDigit sample = drawPenDigit(style, random);
                const digitpad::PictureReading reading = digitpad::readPicture(model, sample.image);
                const QString number = reading.number.number();
                const bool right =
                    number == QString::number(sample.digit) && reading.whole.isDigit();
                rejected += number.contains(QLatin1Char('?'));
                styleCorrect += right;
                perDigit[sample.digit].first += right;
                perDigit[sample.digit].second += 1;
            }
            correct += styleCorrect;
            total += perStyle;
            std::printf("%-16s %6.2f%%\n", qPrintable(style.name), 100.0 * styleCorrect / perStyle);
        }
        std::printf("per digit:");
        for (const auto &[digit, counts] : perDigit)
            std::printf("  %d: %.1f%%", digit, 100.0 * counts.first / counts.second);
        std::printf("\n%s: %.2f%% of %d pen-drawn digits in %d styles read right, %.2f%% "
                    "rejected\n",
                    qPrintable(modelPath), 100.0 * correct / total, total,
                    int(penDigitStyles().size()), 100.0 * rejected / total);
        return 0;
    });
}
