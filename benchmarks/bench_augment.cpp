// Cost of data augmentation per training batch (it runs on the training thread, batch after
// batch): each step of a batch's augmentation and negatives timed on a batch of 64 digits.
// With --sheet FILE it draws 16x16 stick figures from MNIST's 1s instead, as training makes
// them, into one PNG to look at.
//   bench_augment [--sheet FILE]
#include "augmentation.h"
#include "bench_stats.h"
#include "doodle_negatives.h"
#include "error.h"
#include "mnist.h"
#include "paper_damage.h"

#include <QCoreApplication>
#include <QImage>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>

namespace {
void drawFigureSheet(const QString &path) {
    constexpr int kSide = 16, kPixels = 28;
    const digitpad::Dataset training = digitpad::loadMnistTraining();
    std::vector<int> ones;
    for (int i = 0; i < training.size() && ones.size() < 2000; ++i)
        if (training.labels[std::size_t(i)] == 1)
            ones.push_back(i);
    const digitpad::Dataset picked = training.subset(ones);
    const auto ink = torch::from_blob(const_cast<std::uint8_t *>(picked.pixels.data()),
                                      {picked.size(), 1, kPixels, kPixels}, torch::kUInt8)
                         .to(torch::kFloat) /
                     255.0;
    const auto figures = (digitpad::makeStickFigures(ink, int64_t(kSide) * kSide) * 255)
                             .clamp(0, 255)
                             .to(torch::kUInt8);
    QImage sheet(kSide * kPixels, kSide * kPixels, QImage::Format_Grayscale8);
    for (int f = 0; f < kSide * kSide; ++f) {
        const auto figure = figures[f][0].contiguous();
        for (int y = 0; y < kPixels; ++y)
            std::memcpy(sheet.scanLine((f / kSide) * kPixels + y) +
                            std::ptrdiff_t(f % kSide) * kPixels,
                        figure[y].data_ptr<std::uint8_t>(), kPixels);
    }
    if (!sheet.scaled(sheet.size() * 2).save(path))
        throw digitpad::Error(QStringLiteral("%1: cannot write the sheet").arg(path));
    std::printf("%d stick figures drawn into %s\n", kSide * kSide, qPrintable(path));
}
} // namespace

int main(int argc, char **argv) {
    return guardedMain([&]() -> int {
        // The doodles are found beside the program.
        const QCoreApplication app(argc, argv);
        const QStringList arguments = app.arguments();
        if (arguments.size() == 3 && arguments[1] == QStringLiteral("--sheet")) {
            torch::manual_seed(1);
            drawFigureSheet(arguments[2]);
            return 0;
        }
        at::set_num_threads(1);
        torch::manual_seed(1);
        const auto ink = torch::rand({64, 1, 28, 28});
        const auto labels = torch::randint(10, {64}, torch::kLong);
        const auto time = [](const char *name, const std::function<void()> &step) {
            for (int i = 0; i < 5; ++i)
                step();
            const auto start = std::chrono::steady_clock::now();
            const int rounds = 200;
            for (int i = 0; i < rounds; ++i)
                step();
            const double ms =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                    .count() /
                rounds;
            std::printf("%-28s %7.3f ms per batch of 64 (%.0f samples/s), 1 thread\n", name, ms,
                        64 / ms * 1000);
        };
        time("augmentBatch", [&] { digitpad::augmentBatch(ink); });
        time("makeNonDigits (5)", [&] { digitpad::makeNonDigits(ink, labels, 5); });
        time("withPaperDamage", [&] { digitpad::withPaperDamage(ink); });
        time("withSharperEdges", [&] { digitpad::withSharperEdges(ink); });
        time("redrawnWithPen", [&] { digitpad::redrawnWithPen(ink); });
        const auto loadStart = std::chrono::steady_clock::now();
        const digitpad::DoodleNegatives &doodles = digitpad::DoodleNegatives::bundled();
        std::printf(
            "%-28s %7.0f ms, once (%lld doodles)\n", "DoodleNegatives::bundled",
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - loadStart)
                .count(),
            static_cast<long long>(doodles.size()));
        time("doodles drawn (5)", [&] { digitpad::augmentBatch(doodles.draw(5, torch::kCPU)); });
        return 0;
    });
}
