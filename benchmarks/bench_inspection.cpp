// Looking inside the network (core/inspection): what the Inside tab waits for.
//   bench_inspection [model.dpmodel]   (default: the default model)
// Prints the layers of one input and the look-alikes among the 60,000 training digits (both
// follow the pen), the features of the training and test sets, the map of the test set, and
// the feature cache's first and second calls.
#include "bench_stats.h"
#include "checkpoint.h"
#include "feature_space.h"
#include "mnist.h"
#include "model_paths.h"
#include "network_inspection.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <cstdio>

namespace {

digitpad::ModelInput inputOf(const digitpad::Dataset &data, int index) {
    digitpad::ModelInput input{};
    for (std::size_t i = 0; i < input.size(); ++i)
        input[i] = float(data.image(index)[i]) / 255.0f;
    return input;
}

// Runs `body` `runs` times after ten unmeasured warm-up runs; milliseconds of each.
template <typename Body> std::vector<double> timed(int runs, Body body) {
    std::vector<double> milliseconds;
    for (int i = -10; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        body(i);
        if (i >= 0)
            milliseconds.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    return milliseconds;
}

double seconds(const QElapsedTimer &timer) {
    return double(timer.nsecsElapsed()) / 1e9;
}

} // namespace

int main(int argc, char *argv[]) {
    return guardedMain([&]() -> int {
        QCoreApplication application(argc, argv);
        const QStringList arguments = application.arguments();
        const QString modelPath =
            arguments.size() > 1 ? arguments[1] : digitpad::defaultModelPath();
        const digitpad::Classifier model = digitpad::loadModel(modelPath);
        const digitpad::Dataset training = digitpad::loadMnistTraining();
        const digitpad::Dataset test = digitpad::loadMnistTest();
        std::printf("%s model, %d training and %d test digits\n",
                    qPrintable(model.metadata().architecture), training.size(), test.size());

        const std::vector<double> layers =
            timed(300, [&](int i) { digitpad::layerActivations(model, inputOf(test, 100 + i)); });
        std::printf("layerActivations, one input:          %s\n", qPrintable(percentiles(layers)));

        QElapsedTimer timer;
        timer.start();
        const digitpad::FeatureTable trainingFeatures = digitpad::computeFeatures(model, training);
        std::printf("computeFeatures, 60,000 digits:       %.2f s\n", seconds(timer));
        timer.restart();
        const digitpad::FeatureTable testFeatures = digitpad::computeFeatures(model, test);
        std::printf("computeFeatures, 10,000 digits:       %.2f s\n", seconds(timer));

        std::vector<std::vector<float>> queries;
        queries.reserve(300);
        for (int i = 0; i < 300; ++i)
            queries.push_back(digitpad::featuresOf(model, inputOf(test, 5000 + i)));
        const std::vector<double> nearest = timed(290, [&](int i) {
            digitpad::nearestDigits(trainingFeatures, queries[std::size_t(i) + 10], 8);
        });
        std::printf("nearestDigits, k 8 of 60,000 x %d:   %s\n", trainingFeatures.dimensions,
                    qPrintable(percentiles(nearest)));

        timer.restart();
        const digitpad::FeatureMap map = digitpad::principalMap(testFeatures);
        std::printf("principalMap, 10,000 digits:          %.3f s (%.0f%% of the variance)\n",
                    seconds(timer), 100 * map.explainedVariance);
        timer.restart();
        digitpad::principalMap(trainingFeatures);
        std::printf("principalMap, 60,000 digits:          %.3f s\n", seconds(timer));

        const QTemporaryDir cache;
        for (const digitpad::Dataset *data : {&test, &training}) {
            timer.restart();
            digitpad::cachedFeatures(model, modelPath, *data, cache.path());
            const double first = seconds(timer);
            const std::vector<double> again = timed(
                10, [&](int) { digitpad::cachedFeatures(model, modelPath, *data, cache.path()); });
            std::printf("cachedFeatures, %d digits: first call %.2f s, from the cache %s\n",
                        data->size(), first, qPrintable(percentiles(again)));
        }
        return 0;
    });
}
