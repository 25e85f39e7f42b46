// Training throughput of each architecture (samples/s, training only) and the share of this
// machine's FP32 peak that it reaches. Compare with benchmarks/pytorch_throughput.py, which
// trains the same networks with the same batch size and threads in Python.
//   bench_train [threads] [peak GFLOP/s]   (defaults: every core, as the Train tab; 32
//   FLOP/cycle/core)
// Time to 99%: trains ARCH from scratch on the MNIST training split with its default settings
// and reads the official test set after every epoch (the benchmark reads it; training never
// does), until test accuracy first reaches 99%.
//   bench_train --time-to-99 ARCH [threads] [epochs]
// with BENCH_BATCH, BENCH_LR, BENCH_NO_AUGMENT and BENCH_NO_NEGATIVES (no not-a-digit class) to
// try other settings than the architecture's defaults.
#include "architectures.h"
#include "bench_stats.h"
#include "evaluation.h"
#include "trainer.h"
#include "training_data.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QThread>
#include <cstdio>

namespace {
// Multiply-adds of one forward pass, counted from the layer shapes in core/networks.cpp.
// Training costs about three forward passes (forward, and two matrix products backward).
double forwardFlops(const QString &architecture) {
    if (architecture == QStringLiteral("mlp"))
        return 2.0 * (784 * 128 + 128 * 10);
    if (architecture == QStringLiteral("quick"))
        return 2.0 * (12 * 12 * 32 * 1 * 25  // conv 5x5 stride 2 1 -> 32 at 12x12
                      + 5 * 5 * 64 * 32 * 9  // conv 3x3 stride 2 32 -> 64 at 5x5
                      + 3 * 3 * 128 * 64 * 9 // conv 3x3 64 -> 128 at 3x3
                      + 1152 * 10);          // dense
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

// Wall time from the start (data loading included) to the first epoch whose model reads 99% of
// the official test digits; the test reading itself is left out of the clock.
int timeTo99(const QString &architecture, int threads, int epochs) {
    QElapsedTimer clock;
    clock.start();
    qint64 judging = 0;
    const digitpad::TrainingData data = digitpad::prepareTrainingData(QString(), 0.1, 1);
    auto config = digitpad::TrainingConfig::forArchitecture(architecture);
    config.threads = threads;
    if (epochs > 0)
        config.epochs = epochs;
    if (qEnvironmentVariableIsSet("BENCH_NO_AUGMENT"))
        config.augmentation = false;
    if (qEnvironmentVariableIsSet("BENCH_NO_NEGATIVES"))
        config.notDigitClass = false;
    if (qEnvironmentVariableIsSet("BENCH_BATCH"))
        config.batchSize = qEnvironmentVariableIntValue("BENCH_BATCH");
    if (qEnvironmentVariableIsSet("BENCH_LR"))
        config.learningRate = qEnvironmentVariable("BENCH_LR").toDouble();
    std::printf("%s: %d epochs, batch %d, lr %g, threads %d, %d training digits\n",
                qPrintable(architecture), config.epochs, config.batchSize, config.learningRate,
                threads, data.train.size());
    double reached = -1;
    double validation = 0;
    digitpad::TrainingCallbacks callbacks;
    callbacks.onEpoch = [&](const digitpad::EpochStats &stats) {
        validation = stats.validationAccuracy;
    };
    callbacks.onEpochModel = [&](int epoch, const digitpad::Classifier &model) {
        const qint64 before = clock.nsecsElapsed();
        const double seconds = double(before - judging) / 1e9;
        const double test = digitpad::evaluate(model, *data.test).accuracy;
        judging += clock.nsecsElapsed() - before;
        std::printf("  epoch %d at %.1f s: validation %.2f%%, test %.2f%%\n", epoch, seconds,
                    100 * validation, 100 * test);
        if (test >= 0.99 && reached < 0)
            reached = seconds;
    };
    const digitpad::TrainingResult result =
        digitpad::train(config, data.train, data.validation, callbacks);
    std::printf("%s: %.0f training samples/s; ", qPrintable(architecture), result.samplesPerSecond);
    if (reached < 0)
        std::printf("never reached 99%% on the test set\n");
    else
        std::printf("99%% official test accuracy after %.1f s\n", reached);
    return 0;
}

// Samples per second of every architecture, with and without augmentation.
int throughputTable(int threads, double peakGflops) {
    const digitpad::TrainingData data =
        digitpad::prepareTrainingData(QString(), 0.1, 1, 10000); // as pytorch_throughput.py
    std::printf("threads %d, FP32 peak of those cores %.1f GFLOP/s, %d training samples\n", threads,
                peakGflops, data.train.size());
    for (const digitpad::ArchitectureInfo &info : digitpad::architectures()) {
        for (const bool augmentation : {false, true}) {
            auto config = digitpad::TrainingConfig::forArchitecture(info.name);
            config.threads = threads;
            config.augmentation = augmentation;
            config.epochs = info.name == QStringLiteral("mlp")     ? 5
                            : info.name == QStringLiteral("quick") ? 3
                                                                   : 1;
            // As pytorch_throughput.py: ten outputs, no not-a-digit negatives.
            config.notDigitClass = false;
            const digitpad::TrainingResult result =
                digitpad::train(config, data.train, data.validation);
            const double gflops = result.samplesPerSecond * 3 * forwardFlops(info.name) / 1e9;
            std::printf("%-5s batch %3d, augmentation %-3s: %8.0f samples/s  %6.1f GFLOP/s  "
                        "%5.1f%% of peak\n",
                        qPrintable(info.name), config.batchSize, augmentation ? "on" : "off",
                        result.samplesPerSecond, gflops, 100 * gflops / peakGflops);
        }
    }
    return 0;
}

int main(int argc, char *argv[]) {
    return guardedMain([&]() -> int {
        QCoreApplication application(argc, argv);
        if (argc > 2 && QByteArray(argv[1]) == "--time-to-99")
            return timeTo99(QString::fromLocal8Bit(argv[2]),
                            argc > 3 ? integerArgument(argv[3]) : QThread::idealThreadCount(),
                            argc > 4 ? integerArgument(argv[4]) : 0);
        const int threads =
            argc > 1 ? integerArgument(argv[1]) : std::max(1, QThread::idealThreadCount());
        // AVX2 with two 256-bit FMA pipes: 2 x 8 lanes x 2 FLOP per cycle per core.
        const double peakGflops =
            argc > 2 ? numberArgument(argv[2]) : threads * cpuMegahertz() / 1000.0 * 32;
        return throughputTable(threads, peakGflops);
    });
}
