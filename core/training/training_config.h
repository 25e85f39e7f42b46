#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

namespace digitpad {

// Bias mitigation in training. StyleSampling draws every handwriting style (a cell of stroke
// thickness quartile x slant quartile) equally often, so rare styles are not drowned out.
enum class ClassBalancing { None, LossWeights, Sampling, StyleSampling };

// A setting that cannot be used, as data: the CLI prints describeProblems(), a form words each
// field its own way.
struct ConfigProblem {
    enum class Field {
        Architecture,
        Epochs,
        BatchSize,
        LearningRate,
        Optimizer,
        ValidationFraction,
        Threads,
        EarlyStopPatience
    };
    Field field;
    QString allowed; // the accepted values, e.g. "1..1000" or "adam or sgd"
};

struct TrainingConfig {
    QString architecture = QStringLiteral("cnn");
    int epochs = 8;
    int batchSize = 64;
    double learningRate = 2e-3;
    QString optimizer = QStringLiteral("adam"); // adam | sgd
    bool augmentation = true;
    // Also learn an 11th answer, "not a digit", from negatives made out of the training digits
    // (overlaid, cut up, crossed out, turned on their side: augmentation.h).
    bool notDigitClass = true;
    ClassBalancing classBalancing = ClassBalancing::None;
    // Hand back the weights of the epoch with the best validation, not the last one's.
    bool keepBestEpoch = true;
    // > 0: end the run once validation has not improved for this many epochs.
    int earlyStopPatience = 0;
    double validationFraction = 0.1;
    std::uint64_t seed = 1;
    int threads = 0; // 0: every core the machine has

    // Defaults of the named architecture (epochs, batch size, learning rate).
    static TrainingConfig forArchitecture(const QString &architecture);
    // Defaults for fine-tuning a model trained with `parent`: its network, split and
    // augmentation, two short epochs at a third of its learning rate (trainer.cpp's distillation
    // keeps what the parent knew; a smaller rate left a confusing style half learnt).
    static TrainingConfig forFineTuning(const TrainingConfig &parent);

    // Empty when the config is usable.
    std::vector<ConfigProblem> problems() const;
    int effectiveThreads() const;

    QJsonObject toJson() const;
    static TrainingConfig fromJson(const QJsonObject &json);
};

// "epochs: 5000 is outside 1..1000": one line per problem, naming the field and its value.
QString describeProblem(const TrainingConfig &config, const ConfigProblem &problem);
QStringList describeProblems(const TrainingConfig &config);

// What `run` set differently from `reference`, in a few words each ("mlp", "lr 0.001",
// "balancing sampling", "no augmentation"): how a compared run is labelled. Empty when the
// settings that shape a model are the same (the thread count is not one of them).
QStringList describeDifferences(const TrainingConfig &run, const TrainingConfig &reference);

QString classBalancingName(ClassBalancing balancing);
// Returns false for a name that is not none | loss-weights | sampling | style-sampling.
bool parseClassBalancing(const QString &name, ClassBalancing *balancing);

} // namespace digitpad
