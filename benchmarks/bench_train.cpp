// Training throughput of each architecture (samples/s, training only) and the share of this
// machine's FP32 peak that it reaches. Compare with benchmarks/pytorch_throughput.py, which
// trains the same networks with the same batch size and threads in Python.
//   bench_train [threads] [peak GFLOP/s]   (defaults: cores - 1, as the Train tab; 32
//   FLOP/cycle/core)
#include "architectures.h"
#include "bench_stats.h"
#include "trainer.h"
#include "training_data.h"

#include <QCoreApplication>
#include <QFile>
#include <QThread>
#include <cstdio>

namespace {
// Multiply-adds of one forward pass, counted from the layer shapes in core/networks.cpp.
// Training costs about three forward passes (forward, and two matrix products backward).
double forwardFlops(const QString &architecture) {
    if (architecture == QStringLiteral("mlp"))
        return 2.0 * (784 * 128 + 128 * 10);
    if (architecture == QStringLiteral("cnn"))
        return 2.0 * (28 * 28 * 32 * 1 * 9      // conv 1 -> 32 at 28x28
                      + 14 * 14 * 64 * 32 * 9   // conv 32 -> 64 at 14x14
                      + 7 * 7 * 128 * 64 * 9    // conv 64 -> 128 at 7x7
                      + 1152 * 128 + 128 * 10); // dense layers
    return 0;
}

// Reported core clock (MHz) of the first CPU; the VM's nominal frequency, no turbo.
double cpuMegahertz() {
    QFile info(QStringLiteral("/proc/cpuinfo"));
    if (!info.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : info.readAll().split('\n'))
        if (line.startsWith("cpu MHz"))
            return line.mid(line.indexOf(':') + 1).trimmed().toDouble();
    return 0;
}
} // namespace

int main(int argc, char *argv[]) {
    return guardedMain([&]() -> int {
        QCoreApplication application(argc, argv);
        const int threads =
            argc > 1 ? std::atoi(argv[1]) : std::max(1, QThread::idealThreadCount() - 1);
        // AVX2 with two 256-bit FMA pipes: 2 x 8 lanes x 2 FLOP per cycle per core.
        const double peakGflops =
            argc > 2 ? std::atof(argv[2]) : threads * cpuMegahertz() / 1000.0 * 32;
        const digitpad::TrainingData data =
            digitpad::prepareTrainingData(QString(), 0.1, 1, 10000); // as pytorch_throughput.py
        std::printf("threads %d, FP32 peak of those cores %.1f GFLOP/s, %d training samples\n",
                    threads, peakGflops, data.train.size());
        for (const digitpad::ArchitectureInfo &info : digitpad::architectures()) {
            for (const bool augmentation : {false, true}) {
                auto config = digitpad::TrainingConfig::forArchitecture(info.name);
                config.threads = threads;
                config.augmentation = augmentation;
                config.epochs = info.name == QStringLiteral("mlp") ? 5 : 1;
                const digitpad::TrainingResult result =
                    digitpad::train(config, data.train, data.validation);
                const double gflops = result.samplesPerSecond * 3 * forwardFlops(info.name) / 1e9;
                std::printf("%-4s batch %3d, augmentation %-3s: %8.0f samples/s  %6.1f GFLOP/s  "
                            "%5.1f%% of peak\n",
                            qPrintable(info.name), config.batchSize, augmentation ? "on" : "off",
                            result.samplesPerSecond, gflops, 100 * gflops / peakGflops);
            }
        }
        return 0;
    });
}
