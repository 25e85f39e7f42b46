#include "trainer.h"

#include "style_features.h"

#include "augmentation.h"
#include "classifier_impl.h"
#include "doodle_negatives.h"
#include "error.h"
#include "not_digit_calibration.h"
#include "paper_damage.h"

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
    for (int64_t start = 0; start < n; start += kEvaluationChunk) {
        const int64_t end = std::min(start + kEvaluationChunk, n);
        const auto outputs = net.forward(model.normalise(data.ink.slice(0, start, end)));
        // Validation holds digits: read them as digits, whatever the not-a-digit output says.
        const auto logits = outputs.slice(1, 0, kClassCount);
        const auto labels = data.labels.slice(0, start, end);
        lossSum += torch::nn::functional::cross_entropy(
                       logits, labels,
                       torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum))
                       .item<double>();
        correct += logits.argmax(1).eq(labels).sum().item<int64_t>();
    }
    return {lossSum / double(n), double(correct) / double(n)};
}

// The weights and BatchNorm statistics of one moment of a run, to go back to.
class WeightSnapshot {
  public:
    void take(torch::nn::Module &net) {
        torch::NoGradGuard noGrad;
        m_tensors.clear();
        for (const auto &tensor : stateOf(net))
            m_tensors.push_back(tensor.detach().clone());
    }
    void restore(torch::nn::Module &net) const {
        torch::NoGradGuard noGrad;
        const auto state = stateOf(net);
        for (std::size_t i = 0; i < state.size(); ++i)
            state[i].copy_(m_tensors[i]);
    }
    bool empty() const { return m_tensors.empty(); }

  private:
    static std::vector<torch::Tensor> stateOf(torch::nn::Module &net) {
        std::vector<torch::Tensor> state = net.parameters();
        for (const auto &buffer : net.buffers())
            state.push_back(buffer);
        return state;
    }
    std::vector<torch::Tensor> m_tensors;
};

// Better validation: higher accuracy, or the same accuracy with a lower loss.
bool improves(const EpochStats &candidate, const EpochStats *best) {
    return !best || candidate.validationAccuracy > best->validationAccuracy ||
           (candidate.validationAccuracy == best->validationAccuracy &&
            candidate.validationLoss < best->validationLoss);
}

Classifier startingModel(const TrainingConfig &config, const FineTuning *fineTuning) {
    if (fineTuning)
        return fineTuning->parent.clone();
    return Classifier::create(config.architecture, config.notDigitClass);
}

// One run's state: the model, its optimiser, the data as tensors and the schedule. The driver,
// train(), reads like pytorch/examples' mnist: train one epoch, validate, repeat, then stamp.
class TrainingLoop {
  public:
    TrainingLoop(const TrainingConfig &config, const Dataset &train, const Dataset &validation,
                 const FineTuning *fineTuning)
        : m_config(config), m_model(startingModel(config, fineTuning)), m_impl(m_model.impl()),
          m_net(*m_impl.net), m_train(toTensors(train, m_impl.device)),
          m_validation(toTensors(validation, m_impl.device)),
          m_optimizer(makeOptimizer(config, m_net)),
          m_sampling(samplingWeights(train, config.classBalancing)),
          m_baseRate(config.learningRate), m_notDigitClass(m_impl.metadata.notDigitClass) {
        if (m_notDigitClass)
            m_doodles = &DoodleNegatives::bundled();
        if (fineTuning) {
            m_personal = toTensors(fineTuning->personal, m_impl.device);
            m_batchesPerEpoch = fineTuning->batchesPerEpoch;
            m_freezeBatchNorm = true;
            m_teacher = fineTuning->parent.impl().net; // in eval mode, as every loaded model
        } else {
            m_batchesPerEpoch = int((train.size() + config.batchSize - 1) / config.batchSize);
        }
        if (config.classBalancing == ClassBalancing::LossWeights) {
            auto weights = inverseFrequencyWeights(train);
            if (m_notDigitClass) // the negatives keep the weight of an average digit
                weights = torch::cat({weights, torch::ones({1})});
            m_lossOptions = m_lossOptions.weight(weights.to(m_impl.device));
        }
    }

    // Returns the epoch's training loss and accuracy, or nothing when it was stopped part-way
    // (a partial epoch is neither validated nor reported).
    std::optional<LossAndAccuracy> trainEpoch(int epoch, const TrainingCallbacks &callbacks) {
        setTrainingMode();
        const int64_t n = m_train.labels.size(0);
        const auto order = epochOrder(n, m_sampling).to(m_impl.device);
        const int64_t totalSteps = int64_t(m_batchesPerEpoch) * m_config.epochs;
        double lossSum = 0.0;
        int64_t correct = 0;
        int64_t seen = 0;
        for (int batch = 0; batch < m_batchesPerEpoch; ++batch) {
            if (!mayRunNextBatch(callbacks))
                return std::nullopt;
            bool rateChanged = false;
            if (callbacks.control)
                if (const std::optional<double> rate = callbacks.control->takeLearningRate()) {
                    rateChanged = *rate != m_baseRate;
                    m_baseRate = *rate;
                }
            const double rate = scheduledLearningRate(m_baseRate, m_step++, totalSteps);
            const torch::Tensor indices = batchIndices(order, batch);
            const BatchScore score = trainBatch(indices, rate);
            lossSum += score.loss * double(score.digits);
            correct += score.correct;
            seen += score.digits;
            if (callbacks.onBatch)
                callbacks.onBatch({epoch, batch + 1, m_batchesPerEpoch, score.loss, rate,
                                   m_baseRate, rateChanged});
        }
        m_samplesSeen += seen;
        return LossAndAccuracy{lossSum / double(seen), double(correct) / double(seen)};
    }

    LossAndAccuracy validate() { return evaluateTensors(m_net, m_impl, m_validation); }
    double personalAccuracy() { return evaluateTensors(m_net, m_impl, m_personal).accuracy; }
    bool hasPersonalSamples() const {
        return m_personal.labels.defined() && m_personal.labels.size(0) > 0;
    }

    // The weights as they are after the latest validation, as the best so far.
    void rememberBest() { m_best.take(m_net); }
    void restoreBest() {
        if (!m_best.empty())
            m_best.restore(m_net);
    }

    int64_t samplesSeen() const { return m_samplesSeen; }
    const Classifier &model() const { return m_model; }

    // The trained model with what a user needs to know about it in its metadata.
    Classifier finish(const TrainingResult &result, const Dataset &train, const Dataset &validation,
                      const FineTuning *fineTuning) {
        m_net.eval();
        ModelMetadata metadata = m_impl.metadata;
        metadata.trainingConfig = m_config.toJson();
        metadata.trainingConfig[QStringLiteral("architecture")] = metadata.architecture;
        metadata.trainingConfig[QStringLiteral("not_digit_class")] = m_notDigitClass;
        metadata.datasetName = train.name;
        metadata.datasetFingerprint = train.fingerprint();
        metadata.validationFingerprint = validation.fingerprint();
        metadata.trainSamples = train.size();
        metadata.validationSamples = validation.size();
        metadata.epochHistory = epochHistoryToJson(result.epochs);
        metadata.bestEpoch = 0;
        if (!result.epochs.empty()) {
            const EpochStats &kept = m_config.keepBestEpoch && result.bestEpoch > 0
                                         ? result.epochs[std::size_t(result.bestEpoch - 1)]
                                         : result.epochs.back();
            metadata.validationAccuracy = kept.validationAccuracy;
            metadata.validationLoss = kept.validationLoss;
            metadata.bestEpoch = kept.epoch;
        }
        metadata.parentModel = fineTuning ? fineTuning->parentName : QString();
        metadata.trainSeconds = result.trainSeconds;
        metadata.createdAt = QDateTime::currentDateTimeUtc();
        metadata.appVersion = QStringLiteral(DIGITPAD_VERSION);
        metadata.trainingRecipe = kTrainingRecipe;
        if (m_notDigitClass && !result.cancelled) {
            // From the weights handed back, over the views they will be read with.
            metadata.notDigitOverViews = true;
            m_model.setMetadata(metadata);
            metadata.notDigitThreshold =
                std::max(calibratedNotDigitThreshold(m_impl, m_validation.ink),
                         calibratedNotDigitThreshold(m_impl, redrawnWithPen(m_validation.ink)));
            metadata.notDigitValidationShare = kValidationDigitsRejected;
        }
        m_model.setMetadata(metadata);
        return m_model;
    }

  private:
    struct BatchScore {
        double loss = 0.0;
        int64_t digits = 0;  // digits in the batch (negatives aside)
        int64_t correct = 0; // digits of the batch read right, read as digits (as validation does)
    };

    bool mayRunNextBatch(const TrainingCallbacks &callbacks) const {
        if (callbacks.control)
            return callbacks.control->waitUntilRunnable(callbacks.shouldStop);
        return !(callbacks.shouldStop && callbacks.shouldStop());
    }

    void setTrainingMode() {
        m_net.train();
        if (!m_freezeBatchNorm)
            return;
        for (const auto &module : m_net.modules(/*include_self=*/false))
            if (module->as<torch::nn::BatchNorm2d>())
                module->eval();
    }

    // A fine-tune's batch is a quarter personal samples, drawn at random; the rest comes from
    // `order`. (Half, on 20 misread digits, cost test_trainer's small mlp 5 validation points;
    // a quarter 0.6, and it still learnt them.)
    torch::Tensor batchIndices(const torch::Tensor &order, int batch) const {
        const int64_t n = order.size(0);
        const int64_t replay =
            hasPersonalSamples() ? m_config.batchSize * 3 / 4 : m_config.batchSize;
        const int64_t first = (int64_t(batch) * replay) % n;
        return order.slice(0, first, std::min(first + replay, n));
    }

    // Learning without Forgetting (Li and Hoiem, 2016): on the replayed digits the fine-tuned
    // network is also asked to answer as its parent does, softened by a temperature of 2 (and
    // scaled by its square, as Hinton et al. do). Labels alone let validation drift; the weight
    // was chosen on validation, teaching the default model a style it misread, so that what it
    // knew moves least while the new style is still learnt.
    torch::Tensor distillationLoss(const torch::Tensor &input, const torch::Tensor &logits) {
        constexpr double temperature = 2.0, weight = 8.0;
        torch::Tensor taught;
        {
            torch::NoGradGuard noGrad;
            taught = torch::log_softmax(m_teacher->forward(input) / temperature, 1);
        }
        const auto learnt = torch::log_softmax(logits / temperature, 1);
        namespace F = torch::nn::functional;
        return weight * temperature * temperature *
               F::kl_div(learnt, taught,
                         F::KLDivFuncOptions().reduction(torch::kBatchMean).log_target(true));
    }

    BatchScore trainBatch(const torch::Tensor &replayIndices, double rate) {
        const int64_t replayCount = replayIndices.size(0);
        auto ink = m_train.ink.index_select(0, replayIndices);
        auto digitLabels = m_train.labels.index_select(0, replayIndices);
        // European 1s and narrow 0s are made from the training set's; a user's own samples stay
        // as taught.
        if (m_config.augmentation)
            ink = withLoopedEights(withNarrowZeros(withFlaggedOnes(ink, digitLabels), digitLabels),
                                   digitLabels);
        if (hasPersonalSamples()) {
            const int64_t count = m_config.batchSize - replayIndices.size(0);
            const auto drawn =
                torch::randint(m_personal.labels.size(0), {count}, torch::kInt64).to(m_impl.device);
            ink = torch::cat({ink, m_personal.ink.index_select(0, drawn)});
            digitLabels = torch::cat({digitLabels, m_personal.labels.index_select(0, drawn)});
        }
        if (m_config.augmentation)
            ink = augmentBatch(ink);
        const int64_t digits = digitLabels.size(0);
        auto labels = digitLabels;
        // One negative for every six digits of a batch: half of them real doodles, half made
        // from the batch's own digits.
        if (m_notDigitClass) {
            const int64_t negatives = std::max<int64_t>(2, m_config.batchSize / 6);
            const int64_t doodles = negatives / 2;
            auto realDoodles = m_doodles->draw(doodles, m_impl.device);
            if (m_config.augmentation)
                realDoodles = augmentBatch(realDoodles);
            ink = torch::cat(
                {ink, makeNonDigits(ink, digitLabels, negatives - doodles), realDoodles});
            labels = torch::cat({labels, torch::full({negatives}, kClassCount, labels.options())});
        }
        if (m_config.augmentation)
            ink = withPaperDamage(withSharperEdges(ink));
        setLearningRate(*m_optimizer, rate);
        m_optimizer->zero_grad();
        const auto input = m_impl.normalise(ink);
        const auto logits = m_net.forward(input);
        auto loss = torch::nn::functional::cross_entropy(logits, labels, m_lossOptions);
        if (m_teacher)
            loss = loss + distillationLoss(input.slice(0, 0, replayCount),
                                           logits.slice(0, 0, replayCount));
        loss.backward();
        m_optimizer->step();
        return {loss.item<double>(), digits,
                logits.slice(0, 0, digits)
                    .slice(1, 0, kClassCount)
                    .argmax(1)
                    .eq(digitLabels)
                    .sum()
                    .item<int64_t>()};
    }

    TrainingConfig m_config;
    Classifier m_model;
    std::shared_ptr<ClassifierNetImpl> m_teacher; // a fine-tune's parent, as it was
    Classifier::Impl &m_impl;
    ClassifierNetImpl &m_net;
    Tensors m_train;
    Tensors m_validation;
    Tensors m_personal;
    std::unique_ptr<torch::optim::Optimizer> m_optimizer;
    torch::nn::functional::CrossEntropyFuncOptions m_lossOptions;
    torch::Tensor m_sampling;
    const DoodleNegatives *m_doodles = nullptr; // with the not-a-digit class only
    WeightSnapshot m_best;
    double m_baseRate;
    bool m_notDigitClass;
    bool m_freezeBatchNorm = false;
    int m_batchesPerEpoch = 0;
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

// What the fine-tune starts from: its parent's reading of the personal samples and validation.
FineTuneEffect effectBefore(const FineTuning &fineTuning, TrainingLoop &loop) {
    FineTuneEffect effect;
    effect.personalSamples = fineTuning.personal.size();
    effect.personalAccuracyBefore = loop.hasPersonalSamples() ? loop.personalAccuracy() : 0.0;
    effect.validationAccuracyBefore = fineTuning.parentValidationAccuracy
                                          ? *fineTuning.parentValidationAccuracy
                                          : loop.validate().accuracy;
    return effect;
}

// Files a validated epoch in `result`, keeping the best weights aside when they may be needed.
void noteEpoch(EpochStats stats, const TrainingConfig &config, TrainingLoop &loop,
               TrainingResult &result) {
    stats.best = improves(
        stats, result.bestEpoch > 0 ? &result.epochs[std::size_t(result.bestEpoch - 1)] : nullptr);
    result.epochs.push_back(stats);
    if (stats.best) {
        result.bestEpoch = stats.epoch;
        if (config.keepBestEpoch && stats.epoch < config.epochs)
            loop.rememberBest();
    }
}

bool validationStalled(const TrainingConfig &config, const TrainingResult &result) {
    const int epoch = result.epochs.back().epoch;
    return config.earlyStopPatience > 0 && epoch - result.bestEpoch >= config.earlyStopPatience &&
           epoch < config.epochs;
}

} // namespace

TrainingResult train(const TrainingConfig &config, const Dataset &train, const Dataset &validation,
                     const TrainingCallbacks &callbacks, const FineTuning *fineTuning) {
    checkInputs(config, train, validation);
    if (fineTuning && fineTuning->parent.isNull())
        throw Error(QStringLiteral("there is no model to fine-tune"));
    at::set_num_threads(config.effectiveThreads());
    torch::manual_seed(config.seed);
    TrainingLoop loop(config, train, validation, fineTuning);

    TrainingResult result;
    if (fineTuning)
        result.fineTuneEffect = effectBefore(*fineTuning, loop);
    QElapsedTimer runTimer;
    runTimer.start();
    double trainingOnlySeconds = 0.0;
    double pausedBefore = 0.0;
    const auto pausedSoFar = [&] {
        return callbacks.control ? callbacks.control->pausedSeconds() : 0.0;
    };
    for (int epoch = 1; epoch <= config.epochs; ++epoch) {
        QElapsedTimer epochTimer;
        epochTimer.start();
        const std::optional<LossAndAccuracy> trained = loop.trainEpoch(epoch, callbacks);
        if (!trained) {
            result.cancelled = true;
            break;
        }
        const double paused = pausedSoFar() - pausedBefore;
        pausedBefore += paused;
        const double trainSeconds = epochTimer.nsecsElapsed() / 1e9 - paused;
        trainingOnlySeconds += trainSeconds;
        const LossAndAccuracy validation = loop.validate();
        EpochStats stats;
        stats.epoch = epoch;
        stats.epochs = config.epochs;
        stats.trainLoss = trained->loss;
        stats.trainAccuracy = trained->accuracy;
        stats.validationLoss = validation.loss;
        stats.validationAccuracy = validation.accuracy;
        stats.seconds = epochTimer.nsecsElapsed() / 1e9 - paused;
        stats.samplesPerSecond = double(loop.samplesSeen()) / trainingOnlySeconds;
        noteEpoch(stats, config, loop, result);
        if (callbacks.onEpoch)
            callbacks.onEpoch(result.epochs.back());
        if (callbacks.onEpochModel)
            callbacks.onEpochModel(epoch, loop.model());
        if (validationStalled(config, result)) {
            result.stoppedEarly = true;
            break;
        }
    }
    const bool lastIsBest = !result.epochs.empty() && result.epochs.back().best;
    if (config.keepBestEpoch && !result.cancelled && !lastIsBest)
        loop.restoreBest();
    result.trainSeconds = runTimer.nsecsElapsed() / 1e9 - pausedSoFar();
    result.samplesPerSecond =
        trainingOnlySeconds > 0 ? double(loop.samplesSeen()) / trainingOnlySeconds : 0.0;
    result.model = loop.finish(result, train, validation, fineTuning);
    if (result.fineTuneEffect && !result.cancelled) {
        result.fineTuneEffect->personalAccuracyAfter =
            loop.hasPersonalSamples() ? loop.personalAccuracy() : 0.0;
        result.fineTuneEffect->validationAccuracyAfter = result.model.metadata().validationAccuracy;
    }
    return result;
}

} // namespace digitpad
