// Photographed-paper damage in pictures, read as the Draw tab and `predict` read a picture
// (readPicture): the tuning set for the preprocessing of damaged pictures. Validation digits of
// the model's own split get one kind of training's own damage each (paper_damage.h), and are
// given either as they are (28x28, ink bright on black, as a user hands in an MNIST-sized
// picture) or enlarged 2 to 12 times, smoothly or in blocks, dark ink on light paper. A digit
// reads right only as exactly that one digit. Bubble digits (bubble_digits.h) follow, apart from
// the mean. Parameters are chosen on this set; bench_judge's
// damage set (its own damage, made another way, on test digits) judges them.
//   bench_damage [--model FILE] [--count N per kind] [--seed N] [--examples DIR]
// --examples saves every picture read wrong, with the 28x28 input the model saw beside it.
#include "bench_stats.h"
#include "bubble_digits.h"
#include "checkpoint.h"
#include "model_paths.h"
#include "number_reading.h"
#include "paper_damage.h"
#include "preprocess.h"
#include "training_data.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QImage>
#include <QRandomGenerator>
#include <cstdio>
#include <cstring>

namespace {
constexpr int kSide = 28;

QImage asGiven(const torch::Tensor &ink, QRandomGenerator &random) {
    const auto bytes = (ink * 255).round().clamp(0, 255).to(torch::kUInt8).contiguous();
    QImage picture(kSide, kSide, QImage::Format_Grayscale8);
    for (int y = 0; y < kSide; ++y)
        std::memcpy(picture.scanLine(y), bytes.data_ptr<std::uint8_t>() + std::ptrdiff_t(y) * kSide,
                    kSide);
    if (random.bounded(2) == 0)
        return picture;
    picture.invertPixels();
    const int factor = 2 + int(random.bounded(11));
    return picture.scaled(factor * kSide, factor * kSide, Qt::IgnoreAspectRatio,
                          random.bounded(2) == 0 ? Qt::SmoothTransformation
                                                 : Qt::FastTransformation);
}
} // namespace

int main(int argc, char **argv) {
    return guardedMain([&]() -> int {
        // Pictures are made and read without fonts or a display.
        const QCoreApplication application(argc, argv);
        QCommandLineParser parser;
        parser.addOptions({{"model", "Model file (default: the default model).", "file"},
                           {"count", "Pictures per kind of damage (default: 200).", "n", "200"},
                           {"seed", "Random seed (default: 1).", "n", "1"},
                           {"examples", "Save the pictures read wrong here.", "dir"}});
        parser.addHelpOption();
        parser.process(application);
        const QString modelPath =
            parser.isSet("model") ? parser.value("model") : digitpad::defaultModelPath();
        const digitpad::Classifier model = digitpad::loadModel(modelPath);
        const int count = parser.value("count").toInt();
        const auto seed = parser.value("seed").toUInt();
        const digitpad::Dataset validation = digitpad::splitsOf(model.metadata()).validation;
        torch::manual_seed(seed);
        QRandomGenerator random(seed);
        std::printf("%s\n%-16s %6s %9s %9s\n", qPrintable(modelPath), "damage", "n", "right",
                    "rejected");
        struct Tally {
            int right = 0;
            int rejected = 0;
        };
        // Reads one picture of `digit` and counts it; `name` names a wrong reading's example.
        const auto read = [&](const QImage &picture, const QString &digit, const QString &name,
                              Tally &tally) {
            try {
                const digitpad::PictureReading reading = digitpad::readPicture(model, picture);
                const bool isRight = reading.number.number() == digit && reading.whole.isDigit();
                tally.right += isRight;
                tally.rejected += !reading.whole.isDigit();
                if (!isRight && parser.isSet("examples")) {
                    const QString stem = QStringLiteral("%1/%2-%3-read-%4")
                                             .arg(parser.value("examples"), name, digit,
                                                  reading.whole.isDigit() ? reading.number.number()
                                                                          : QStringLiteral("none"));
                    picture.save(stem + QStringLiteral(".png"));
                    digitpad::modelInputToImage(reading.wholeInput.input)
                        .scaled(112, 112)
                        .save(stem + QStringLiteral("-input.png"));
                }
            } catch (const std::exception &) {
                ++tally.rejected; // "no ink": nothing read
            }
        };
        const auto report = [&](const char *name, const Tally &tally) {
            std::printf("%-16s %6d %8.2f%% %8.2f%%\n", name, count, 100.0 * tally.right / count,
                        100.0 * tally.rejected / count);
            return 100.0 * tally.right / count;
        };
        const auto validationDigit = [&](int index) {
            return QString::number(validation.labels[std::size_t(index)]);
        };
        double sumRight = 0;
        int kinds = 0;
        for (int k = 0; k <= int(digitpad::kLastPaperDamage); ++k, ++kinds) {
            const auto kind = digitpad::PaperDamage(k);
            Tally tally;
            for (int i = 0; i < count; ++i) {
                const int index = int(random.bounded(validation.size()));
                const auto ink =
                    torch::from_blob(const_cast<std::uint8_t *>(validation.image(index)),
                                     {1, 1, kSide, kSide}, torch::kUInt8)
                        .to(torch::kFloat) /
                    255.0;
                read(asGiven(digitpad::withPaperDamage(ink, kind), random), validationDigit(index),
                     QStringLiteral("%1-%2").arg(k).arg(i), tally);
            }
            sumRight += report(digitpad::paperDamageName(kind), tally);
        }
        std::printf("mean: %.2f%% read right as pictures\n", sumRight / kinds);
        // Not damage, and not in the mean: another way to draw a digit that thin strokes must not
        // hide.
        Tally bubbles;
        for (int i = 0; i < count; ++i) {
            const int index = int(random.bounded(validation.size()));
            read(bubbleDigit(validation.image(index), random), validationDigit(index),
                 QStringLiteral("bubble-%1").arg(i), bubbles);
        }
        report("bubble digits", bubbles);
        return 0;
    });
}
