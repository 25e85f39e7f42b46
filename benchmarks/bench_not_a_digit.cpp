// Not-a-digit: how often things that are no digit (pen_digits.h: letters, shapes, scribbles,
// crossed-out marks) are rejected, and how often real digits are (the official test set, and
// digits in other hands). Compares the model's not-a-digit class (ModelMetadata::notDigitClass)
// with the simplest alternative, a threshold on the top softmax probability calibrated to reject
// the same share of the validation digits (kValidationDigitsRejected). "as read": the picture read
// as the Draw tab and `predict` read it (readPicture: it may be cut into several digits), rejected
// when any piece of it is "?".
//   bench_not_a_digit [model.dpmodel] [samples per style]   (defaults: the default model, 40)
#include "bench_stats.h"
#include "checkpoint.h"
#include "mnist.h"
#include "model_paths.h"
#include "number_reading.h"
#include "pen_digits.h"
#include "trainer.h"
#include "training_data.h"

#include <QGuiApplication>
#include <algorithm>
#include <cstdio>

namespace {
// Not-a-digit probabilities of every sample, for the threshold sweep at the end.
std::vector<float> g_nonDigitP, g_testP, g_penP;
double g_threshold = 1.0;

struct Rejections {
    int byScore = 0, bySoftmax = 0, asRead = 0, read = 0, total = 0;
    std::vector<float> *probabilities = nullptr;
    // `reading`: the picture as the Draw tab and `predict` read it, which may find several digits.
    void add(const digitpad::Prediction &p, float softmaxThreshold,
             const digitpad::PictureReading *reading = nullptr) {
        read += reading != nullptr;
        asRead += reading && reading->number.number().contains(QLatin1Char('?'));
        byScore += !p.isDigit();
        bySoftmax += p.confidence < softmaxThreshold;
        ++total;
        if (probabilities && p.notDigitScore)
            probabilities->push_back(float(*p.notDigitScore * g_threshold));
    }
    void print(const QString &name) const {
        const QString asReadShare =
            read ? QString::asprintf("%7.2f%%", 100.0 * asRead / read) : QStringLiteral("       -");
        std::printf("%-24s %5d  %7.2f%%  %7.2f%%  %s\n", qPrintable(name), total,
                    100.0 * byScore / total, 100.0 * bySoftmax / total, qPrintable(asReadShare));
    }
};
} // namespace

int main(int argc, char **argv) {
    return guardedMain([&]() -> int {
        QGuiApplication app(argc, argv);
        const QStringList arguments = app.arguments();
        const QString modelPath =
            arguments.size() > 1 ? arguments[1] : digitpad::defaultModelPath();
        const int perStyle = arguments.size() > 2 ? countArgument(arguments[2]) : 40;
        const digitpad::Classifier model = digitpad::loadModel(modelPath);
        const digitpad::TrainingData splits = digitpad::splitsOf(model.metadata());
        const double quantile = 1.0 - digitpad::kValidationDigitsRejected;

        // The softmax alternative, calibrated like the score: the same share of validation digits.
        std::vector<float> confidences;
        for (const auto &p :
             model.predictImages(splits.validation.pixels.data(), splits.validation.size()))
            confidences.push_back(p.confidence);
        std::sort(confidences.begin(), confidences.end());
        const float softmaxThreshold =
            confidences[std::size_t((1.0 - quantile) * double(confidences.size()))];

        std::printf("%s\nnot-a-digit threshold %.3f; softmax threshold %.3f (rejects %.1f%% of %d "
                    "validation digits)\n\n",
                    qPrintable(modelPath), model.metadata().notDigitThreshold, softmaxThreshold,
                    100 * (1 - quantile), splits.validation.size());
        std::printf("%-24s %5s  %8s  %8s  %8s\n", "drawn", "n", "class", "softmax", "as read");
        QRandomGenerator random(7);
        g_threshold = model.metadata().notDigitThreshold;
        Rejections nonDigits;
        nonDigits.probabilities = &g_nonDigitP;
        for (const PenDigitStyle &style : penNonDigitStyles()) {
            Rejections rejections;
            for (int i = 0; i < perStyle; ++i) {
                const PenDigit sample = drawPenDigit(style, random);
                // reading.whole is the picture read as one digit (preprocessImage, predict).
                const auto reading = digitpad::readPicture(model, sample.image);
                rejections.add(reading.whole, softmaxThreshold, &reading);
                nonDigits.add(reading.whole, softmaxThreshold, &reading);
            }
            rejections.print(style.name);
        }
        nonDigits.print(QStringLiteral("ALL NON-DIGITS"));
        std::printf("\nreal digits (rejections are mistakes)\n");
        Rejections pen;
        pen.probabilities = &g_penP;
        for (const PenDigitStyle &style : penDigitStyles())
            for (int i = 0; i < perStyle; ++i) {
                const auto reading =
                    digitpad::readPicture(model, drawPenDigit(style, random).image);
                pen.add(reading.whole, softmaxThreshold, &reading);
            }
        pen.print(QStringLiteral("pen digits, other hands"));
        const digitpad::Dataset test = digitpad::loadMnistTest();
        Rejections official;
        official.probabilities = &g_testP;
        for (const auto &p : model.predictImages(test.pixels.data(), test.size()))
            official.add(p, softmaxThreshold);
        official.print(QStringLiteral("MNIST test set"));
        // The same digits as a user's picture: on white paper, three times the size, through the
        // preprocessing (crop, 20-px box, centre of mass), as the Draw tab and `predict` read them.
        Rejections pictured;
        for (int i = 0; i < test.size(); ++i) {
            QImage digit(test.image(i), digitpad::kImageSide, digitpad::kImageSide,
                         digitpad::kImageSide, QImage::Format_Grayscale8);
            digit.invertPixels();
            const QImage picture =
                digit.scaled(84, 84, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
            const auto reading = digitpad::readPicture(model, picture);
            pictured.add(reading.whole, softmaxThreshold, &reading);
        }
        pictured.print(QStringLiteral("MNIST test, as pictures"));
        const auto share = [](const std::vector<float> &values, double threshold) {
            const auto over = std::count_if(values.begin(), values.end(),
                                            [threshold](float v) { return v >= threshold; });
            return values.empty() ? 0.0 : 100.0 * double(over) / double(values.size());
        };
        std::printf(
            "\nthreshold sweep (not-a-digit probability): non-digits / pen digits / test set "
            "rejected\n");
        for (double threshold : {0.5, 0.3, 0.2, 0.1, 0.05, 0.02})
            std::printf("  %.2f: %6.2f%% / %5.2f%% / %5.2f%%\n", threshold,
                        share(g_nonDigitP, threshold), share(g_penP, threshold),
                        share(g_testP, threshold));
        return 0;
    });
}
