#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <cstdint>

namespace digitpad {

// Bias mitigation in training. StyleSampling draws every handwriting style (a cell of stroke
// thickness quartile x slant quartile) equally often, so rare styles are not drowned out.
enum class ClassBalancing { None, LossWeights, Sampling, StyleSampling };

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
    double validationFraction = 0.1;
    std::uint64_t seed = 1;
    int threads = 0; // 0: every core the machine has

    // Defaults of the named architecture (epochs, batch size, learning rate).
    static TrainingConfig forArchitecture(const QString &architecture);

    // Each entry names a field and why its value is refused; empty when the config is usable.
    QStringList problems() const;
    int effectiveThreads() const;

    QJsonObject toJson() const;
    static TrainingConfig fromJson(const QJsonObject &json);
};

QString classBalancingName(ClassBalancing balancing);
// Returns false for a name that is not none | loss-weights | sampling | style-sampling.
bool parseClassBalancing(const QString &name, ClassBalancing *balancing);

} // namespace digitpad
