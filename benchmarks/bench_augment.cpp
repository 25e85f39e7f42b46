// Cost of data augmentation per training batch (it runs on the training thread, batch after
// batch): each step of a batch's augmentation and negatives timed on a batch of 64 digits.
#include "augmentation.h"
#include "bench_stats.h"
#include "doodle_negatives.h"
#include "paper_damage.h"

#include <QCoreApplication>
#include <chrono>
#include <cstdio>
#include <functional>

int main(int argc, char **argv) {
    return guardedMain([&]() -> int {
        // The doodles are found beside the program.
        const QCoreApplication app(argc, argv);
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
