#include "label_audit_run.h"

#include "atomic_file.h"
#include "error.h"
#include "mnist.h"
#include "split.h"
#include "trainer.h"
#include "user_folders.h"

#include <QDir>
#include <QFileInfo>
#include <algorithm>
#include <cstring>
#include <numeric>
#include <random>

namespace digitpad {

namespace {
using Probabilities = std::vector<std::array<float, kClassCount>>;

// The validation split each fold's run is handed: it chooses nothing (the last epoch is kept),
// so a few hundred held-out digits are enough.
constexpr int kFoldValidation = 256;

// A set this small (a user's own samples) is too few to learn digits from: every fold's network
// also trains on a stratified share of MNIST's training digits, which are never the audited
// ones' (audit MNIST itself whole or in large parts).
constexpr int kLearnsAlone = 1000, kFewestPerFold = 3;

Dataset backgroundFor(const Dataset &data, const LabelAuditOptions &options) {
    if (data.size() >= kLearnsAlone || options.backgroundDigits <= 0)
        return {};
    try {
        const Dataset mnist = loadMnistTraining();
        const double share = std::min(1.0, double(options.backgroundDigits) / mnist.size());
        return mnist.subset(stratifiedSplit(mnist.labels, share, options.seed).validation);
    } catch (const Error &) { // no MNIST here: the set learns alone
        return {};
    }
}

QString cachePath(const Dataset &data, const LabelAuditOptions &options) {
    return options.cacheFolder +
           QStringLiteral("/%1-%2folds-%3seen-%4background-seed%5.probabilities")
               .arg(data.fingerprint())
               .arg(options.folds)
               .arg(options.digitsSeenPerFold)
               .arg(data.size() < kLearnsAlone ? options.backgroundDigits : 0)
               .arg(options.seed);
}

std::optional<Probabilities> cached(const Dataset &data, const LabelAuditOptions &options) {
    if (options.cacheFolder.isEmpty())
        return std::nullopt;
    const QString path = cachePath(data, options);
    const qint64 expected = qint64(data.size()) * qint64(sizeof(float)) * kClassCount;
    if (QFileInfo(path).size() != expected)
        return std::nullopt; // absent, or not this data set's: computed again
    const QByteArray bytes = readWholeFile(path, expected);
    Probabilities probabilities(std::size_t(data.size()));
    std::memcpy(probabilities.data(), bytes.constData(), std::size_t(expected));
    for (const auto &row : probabilities)
        for (const float p : row)
            if (!(p >= 0.0f && p <= 1.0f))
                return std::nullopt; // damaged: computed again
    return probabilities;
}

void keep(const Dataset &data, const LabelAuditOptions &options, const Probabilities &rows) {
    if (options.cacheFolder.isEmpty() || !QDir().mkpath(options.cacheFolder))
        return;
    try {
        writeFileAtomically(cachePath(data, options),
                            QByteArray(reinterpret_cast<const char *>(rows.data()),
                                       qsizetype(rows.size() * sizeof(rows.front()))));
    } catch (const Error &) { // only a cache: the audit stands without it
    }
}

// Every sample's fold, shuffled so that each fold holds every digit and writer.
std::vector<int> foldsOf(int size, int folds, std::uint64_t seed) {
    std::vector<int> order(static_cast<std::size_t>(size));
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), std::mt19937_64(seed));
    std::vector<int> fold(static_cast<std::size_t>(size));
    for (std::size_t k = 0; k < order.size(); ++k)
        fold[std::size_t(order[k])] = int(k % std::size_t(folds));
    return fold;
}

constexpr int kMostEpochs = 30;

TrainingConfig foldConfig(const LabelAuditOptions &options, int trainingSamples) {
    TrainingConfig config = TrainingConfig::forArchitecture(QStringLiteral("quick"));
    config.epochs = std::clamp((options.digitsSeenPerFold + trainingSamples - 1) / trainingSamples,
                               config.epochs, kMostEpochs);
    config.notDigitClass = false;
    config.keepBestEpoch = false;
    config.seed = options.seed;
    config.threads = options.threads;
    return config;
}
} // namespace

QString defaultLabelAuditCache() {
    return userCacheFolder() + QStringLiteral("/label-audits");
}

LabelAuditRun auditDatasetLabels(const Dataset &data, const LabelAuditOptions &options,
                                 const LabelAuditCallbacks &callbacks) {
    if (options.folds < 2 || options.folds > 20)
        throw Error(QStringLiteral("folds: %1 is outside 2..20").arg(options.folds));
    if (data.size() < kFewestPerFold * options.folds)
        throw Error(QStringLiteral("%1 holds %2 samples: a label audit with %3 folds needs at "
                                   "least %4")
                        .arg(data.name)
                        .arg(data.size())
                        .arg(options.folds)
                        .arg(kFewestPerFold * options.folds));
    LabelAuditRun run;
    if (std::optional<Probabilities> known = cached(data, options)) {
        run.audit = auditLabels(*known, data.labels);
        run.fromCache = true;
        return run;
    }
    const Dataset background = backgroundFor(data, options);
    const std::vector<int> fold = foldsOf(data.size(), options.folds, options.seed);
    Probabilities probabilities(std::size_t(data.size()));
    TrainingCallbacks training;
    training.shouldStop = callbacks.shouldStop;
    for (int f = 0; f < options.folds; ++f) {
        if (callbacks.onFoldStarted)
            callbacks.onFoldStarted(f + 1, options.folds);
        std::vector<int> inside, outside;
        for (int k = 0; k < data.size(); ++k)
            (fold[std::size_t(k)] == f ? outside : inside).push_back(k);
        const Dataset heldOut = data.subset(outside);
        const int validation = std::min(kFoldValidation, heldOut.size());
        std::vector<int> first(static_cast<std::size_t>(validation));
        std::iota(first.begin(), first.end(), 0);
        Dataset trainOn = background;
        trainOn.append(data.subset(inside));
        const TrainingResult result =
            train(foldConfig(options, trainOn.size()), trainOn, heldOut.subset(first), training);
        if (result.cancelled) {
            run.stopped = true;
            return run;
        }
        const std::vector<Prediction> read =
            result.model.predictImages(heldOut.pixels.data(), heldOut.size());
        for (std::size_t k = 0; k < outside.size(); ++k)
            probabilities[std::size_t(outside[k])] = read[k].probabilities;
    }
    keep(data, options, probabilities);
    run.audit = auditLabels(probabilities, data.labels);
    return run;
}

} // namespace digitpad
