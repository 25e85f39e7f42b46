#include "trainer.h"

#include "style_features.h"

#include "augmentation.h"
#include "classifier_impl.h"
#include "error.h"

#include <QElapsedTimer>
#include <cmath>
#include <optional>

namespace digitpad {

namespace {

struct Tensors {
    torch::Tensor ink;    // [N,1,28,28] in [0,1]
    torch::Tensor labels; // [N] int64
};

Tensors toTensors(const Dataset &dataset, torch::Device device) {
    return {inkTensorFromBytes(dataset.pixels.data(), dataset.size()).to(device),
            torch::from_blob(const_cast<std::uint8_t *>(dataset.labels.data()), {dataset.size()},
                             torch::kUInt8)
                .to(torch::kInt64)
                .to(device)};
}

// Inverse-frequency weights, mean 1: every class counts equally in the loss.
torch::Tensor inverseFrequencyWeights(const Dataset &dataset) {
    const auto counts = dataset.classCounts();
    auto weights = torch::zeros({kClassCount});
    int present = 0;
    for (int c = 0; c < kClassCount; ++c)
        if (counts[c] > 0) {
            weights[c] = double(dataset.size()) / counts[c];
            ++present;
        }
    return weights * (present / weights.sum());
}

// Per-sample sampling weights of a balancing mode, or an empty tensor for plain shuffling.
torch::Tensor samplingWeights(const Dataset &dataset, ClassBalancing balancing) {
    if (balancing == ClassBalancing::Sampling) { // each class equally likely
        const auto labels = torch::from_blob(const_cast<std::uint8_t *>(dataset.labels.data()),
                                             {dataset.size()}, torch::kUInt8)
                                .to(torch::kInt64);
        return inverseFrequencyWeights(dataset).index_select(0, labels);
    }
    if (balancing == ClassBalancing::StyleSampling) { // each handwriting style equally likely
        const std::vector<double> weights = styleBalancingWeights(measureStyles(dataset));
        return torch::tensor(weights, torch::kDouble).to(torch::kFloat);
    }
    return {};
}

// Draws n samples with replacement by `weights`, or shuffles when there are none.
torch::Tensor epochOrder(int64_t n, const torch::Tensor &weights) {
    if (!weights.defined())
        return torch::randperm(n, torch::kInt64);
    return torch::multinomial(weights, n, /*replacement=*/true);
}

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const TrainingConfig &config,
                                                       ClassifierNetImpl &net) {
    if (config.optimizer == QLatin1String("sgd"))
        return std::make_unique<torch::optim::SGD>(
            net.parameters(),
            torch::optim::SGDOptions(config.learningRate).momentum(0.9).nesterov(true));
    return std::make_unique<torch::optim::Adam>(net.parameters(),
                                                torch::optim::AdamOptions(config.learningRate));
}

void setLearningRate(torch::optim::Optimizer &optimizer, double rate) {
    for (auto &group : optimizer.param_groups())
        group.options().set_lr(rate);
}

// Short linear warm-up, then cosine decay to zero over the whole run.
double scheduledLearningRate(double base, int64_t step, int64_t totalSteps) {
    const int64_t warmup = std::max<int64_t>(1, totalSteps / 30);
    if (step < warmup)
        return base * double(step + 1) / double(warmup);
    const double progress =
        double(step - warmup) / double(std::max<int64_t>(1, totalSteps - warmup));
    return base * 0.5 * (1.0 + std::cos(M_PI * progress));
}

struct LossAndAccuracy {
    double loss = 0.0;
    double accuracy = 0.0;
};

LossAndAccuracy evaluateTensors(ClassifierNetImpl &net, const Classifier::Impl &model,
                                const Tensors &data) {
    torch::NoGradGuard noGrad;
    net.eval();
    const int64_t n = data.labels.size(0);
    double lossSum = 0.0;
    int64_t correct = 0;
    for (int64_t start = 0; start < n; start += 1000) {
        const int64_t end = std::min(start + 1000, n);
        // Validation holds digits: read them as digits, whatever the not-a-digit output says.
        const auto logits =
            net.forward(model.normalise(data.ink.slice(0, start, end))).slice(1, 0, kClassCount);
        const auto labels = data.labels.slice(0, start, end);
        lossSum += torch::nn::functional::cross_entropy(
                       logits, labels,
                       torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum))
                       .item<double>();
        correct += logits.argmax(1).eq(labels).sum().item<int64_t>();
    }
    return {lossSum / double(n), double(correct) / double(n)};
}

// The not-a-digit threshold: validation digits are real digits, so at most 0.3% of them may
// read "not a digit". (A fixed threshold of even odds rejected a quarter of bench_not_a_digit's
// scribbles and shapes; this one, about 0.05 for the default model, over half, while the
// official test set's rejections stay near 0.3%.) Never below 0.02, where a model that never
// doubts its validation digits would start rejecting unusual ones.
double calibratedNotDigitThreshold(ClassifierNetImpl &net, const Classifier::Impl &model,
                                   const Tensors &validation) {
    torch::NoGradGuard noGrad;
    net.eval();
    std::vector<torch::Tensor> chunks;
    const int64_t n = validation.labels.size(0);
    for (int64_t start = 0; start < n; start += 1000) {
        const auto ink = validation.ink.slice(0, start, std::min(start + 1000, n));
        chunks.push_back(torch::softmax(net.forward(model.normalise(ink)), 1)
                             .select(1, kClassCount)
                             .to(torch::kCPU));
    }
    const auto sorted = std::get<0>(torch::cat(chunks).sort());
    const int64_t at = std::min<int64_t>(n - 1, int64_t(std::ceil(0.997 * double(n))));
    return std::clamp(sorted[at].item<double>(), 0.02, 1.0);
}

// One run's state: the model, its optimiser, the data as tensors and the schedule. The driver,
// train(), reads like pytorch/examples' mnist: train one epoch, validate, repeat, then stamp.
class TrainingLoop {
  public:
    TrainingLoop(const TrainingConfig &config, const Dataset &train, const Dataset &validation)
        : m_config(config), m_model(Classifier::create(config.architecture, config.notDigitClass)),
          m_impl(m_model.impl()), m_net(*m_impl.net), m_train(toTensors(train, m_impl.device)),
          m_validation(toTensors(validation, m_impl.device)),
          m_optimizer(makeOptimizer(config, m_net)),
          m_sampling(samplingWeights(train, config.classBalancing)),
          m_batchesPerEpoch(int((train.size() + config.batchSize - 1) / config.batchSize)) {
        if (config.classBalancing == ClassBalancing::LossWeights) {
            auto weights = inverseFrequencyWeights(train);
            if (config.notDigitClass) // the negatives keep the weight of an average digit
                weights = torch::cat({weights, torch::ones({1})});
            m_lossOptions = m_lossOptions.weight(weights.to(m_impl.device));
        }
    }

    // Returns the epoch's training loss and accuracy, or nothing when it was stopped part-way
    // (a partial epoch is neither validated nor reported).
    std::optional<LossAndAccuracy> trainEpoch(int epoch, const TrainingCallbacks &callbacks) {
        m_net.train();
        const int64_t n = m_train.labels.size(0);
        const auto order = epochOrder(n, m_sampling).to(m_impl.device);
        double lossSum = 0.0;
        int64_t correct = 0;
        for (int batch = 0; batch < m_batchesPerEpoch; ++batch) {
            if (callbacks.shouldStop && callbacks.shouldStop())
                return std::nullopt;
            const auto indices =
                order.slice(0, int64_t(batch) * m_config.batchSize,
                            std::min<int64_t>(int64_t(batch + 1) * m_config.batchSize, n));
            const double rate = scheduledLearningRate(m_config.learningRate, m_step++,
                                                      int64_t(m_batchesPerEpoch) * m_config.epochs);
            const BatchScore score = trainBatch(indices, rate);
            lossSum += score.loss * double(indices.size(0));
            correct += score.correct;
            if (callbacks.onBatch)
                callbacks.onBatch({epoch, batch + 1, m_batchesPerEpoch, score.loss, rate});
        }
        m_samplesSeen += n;
        return LossAndAccuracy{lossSum / double(n), double(correct) / double(n)};
    }

    LossAndAccuracy validate() { return evaluateTensors(m_net, m_impl, m_validation); }

    int64_t samplesSeen() const { return m_samplesSeen; }
    const Classifier &model() const { return m_model; }

    // The trained model with what a user needs to know about it in its metadata.
    Classifier finish(const TrainingResult &result, const Dataset &train,
                      const Dataset &validation) {
        m_net.eval();
        ModelMetadata metadata = m_impl.metadata;
        metadata.trainingConfig = m_config.toJson();
        metadata.datasetName = train.name;
        metadata.datasetFingerprint = train.fingerprint();
        metadata.trainSamples = train.size();
        metadata.validationSamples = validation.size();
        if (!result.epochs.empty()) {
            metadata.validationAccuracy = result.epochs.back().validationAccuracy;
            metadata.validationLoss = result.epochs.back().validationLoss;
        }
        metadata.trainSeconds = result.trainSeconds;
        metadata.createdAt = QDateTime::currentDateTimeUtc();
        metadata.appVersion = QStringLiteral(DIGITPAD_VERSION);
        if (m_config.notDigitClass && !result.cancelled)
            metadata.notDigitThreshold = calibratedNotDigitThreshold(m_net, m_impl, m_validation);
        m_model.setMetadata(metadata);
        return m_model;
    }

  private:
    struct BatchScore {
        double loss = 0.0;
        int64_t correct = 0; // digits of the batch read right, read as digits (as validation does)
    };

    BatchScore trainBatch(const torch::Tensor &indices, double rate) {
        auto ink = m_train.ink.index_select(0, indices);
        if (m_config.augmentation)
            ink = augmentBatch(ink);
        const auto digitLabels = m_train.labels.index_select(0, indices);
        auto labels = digitLabels;
        // One negative for every eight digits of a batch.
        if (m_config.notDigitClass) {
            const int64_t negatives = std::max<int64_t>(1, m_config.batchSize / 8);
            ink = torch::cat({ink, makeNonDigits(ink, digitLabels, negatives)});
            labels = torch::cat({labels, torch::full({negatives}, kClassCount, labels.options())});
        }
        setLearningRate(*m_optimizer, rate);
        m_optimizer->zero_grad();
        const auto logits = m_net.forward(m_impl.normalise(ink));
        const auto loss = torch::nn::functional::cross_entropy(logits, labels, m_lossOptions);
        loss.backward();
        m_optimizer->step();
        return {loss.item<double>(), logits.slice(0, 0, indices.size(0))
                                         .slice(1, 0, kClassCount)
                                         .argmax(1)
                                         .eq(digitLabels)
                                         .sum()
                                         .item<int64_t>()};
    }

    TrainingConfig m_config;
    Classifier m_model;
    Classifier::Impl &m_impl;
    ClassifierNetImpl &m_net;
    Tensors m_train;
    Tensors m_validation;
    std::unique_ptr<torch::optim::Optimizer> m_optimizer;
    torch::nn::functional::CrossEntropyFuncOptions m_lossOptions;
    torch::Tensor m_sampling;
    int m_batchesPerEpoch;
    int64_t m_step = 0;
    int64_t m_samplesSeen = 0;
};

void checkInputs(const TrainingConfig &config, const Dataset &train, const Dataset &validation) {
    if (const QStringList problems = describeProblems(config); !problems.isEmpty())
        throw Error(QStringLiteral("invalid training settings: %1")
                        .arg(problems.join(QStringLiteral("; "))));
    if (train.size() == 0)
        throw Error(QStringLiteral("the training set is empty"));
    if (validation.size() == 0)
        throw Error(QStringLiteral("the validation set is empty"));
}

} // namespace

TrainingResult train(const TrainingConfig &config, const Dataset &train, const Dataset &validation,
                     const TrainingCallbacks &callbacks) {
    checkInputs(config, train, validation);
    at::set_num_threads(config.effectiveThreads());
    torch::manual_seed(config.seed);
    TrainingLoop loop(config, train, validation);

    TrainingResult result;
    QElapsedTimer runTimer;
    runTimer.start();
    double trainingOnlySeconds = 0.0;
    for (int epoch = 1; epoch <= config.epochs; ++epoch) {
        QElapsedTimer epochTimer;
        epochTimer.start();
        const std::optional<LossAndAccuracy> trained = loop.trainEpoch(epoch, callbacks);
        if (!trained) {
            result.cancelled = true;
            break;
        }
        const double trainSeconds = epochTimer.nsecsElapsed() / 1e9;
        trainingOnlySeconds += trainSeconds;
        const LossAndAccuracy validation = loop.validate();
        EpochStats stats;
        stats.epoch = epoch;
        stats.epochs = config.epochs;
        stats.trainLoss = trained->loss;
        stats.trainAccuracy = trained->accuracy;
        stats.validationLoss = validation.loss;
        stats.validationAccuracy = validation.accuracy;
        stats.seconds = epochTimer.nsecsElapsed() / 1e9;
        stats.samplesPerSecond = double(train.size()) / trainSeconds;
        result.epochs.push_back(stats);
        if (callbacks.onEpoch)
            callbacks.onEpoch(stats);
        if (callbacks.onEpochModel)
            callbacks.onEpochModel(epoch, loop.model());
    }
    result.trainSeconds = runTimer.nsecsElapsed() / 1e9;
    result.samplesPerSecond =
        trainingOnlySeconds > 0 ? double(loop.samplesSeen()) / trainingOnlySeconds : 0.0;
    result.model = loop.finish(result, train, validation);
    return result;
}

} // namespace digitpad
