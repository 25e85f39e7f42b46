// Cost of data augmentation per training batch (it runs on the training thread, batch after
// batch): each step of augmentBatch() and makeNonDigits() timed on a batch of 64 digits.
#include "augmentation.h"
#include "bench_stats.h"

#include <chrono>
#include <cstdio>
#include <functional>

int main() {
    return guardedMain([&]() -> int {
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
        time("makeNonDigits (8)", [&] { digitpad::makeNonDigits(ink, labels, 8); });
        return 0;
    });
}
