#include "training_config.h"

#include "architectures.h"

#include <QThread>
#include <cmath>

namespace digitpad {

TrainingConfig TrainingConfig::forArchitecture(const QString &architecture) {
    TrainingConfig config;
    config.architecture = architecture;
    if (const ArchitectureInfo *info = findArchitecture(architecture)) {
        config.epochs = info->defaultEpochs;
        config.batchSize = info->defaultBatchSize;
        config.learningRate = info->defaultLearningRate;
    }
    return config;
}

TrainingConfig TrainingConfig::forFineTuning(const TrainingConfig &parent) {
    TrainingConfig config = parent;
    config.epochs = 2;
    config.learningRate = parent.learningRate / 3;
    config.keepBestEpoch = true;
    config.earlyStopPatience = 0;
    config.classBalancing = ClassBalancing::None;
    return config;
}

std::vector<ConfigProblem> TrainingConfig::problems() const {
    using Field = ConfigProblem::Field;
    std::vector<ConfigProblem> problems;
    if (!findArchitecture(architecture))
        problems.push_back({Field::Architecture, architectureNames().join(QStringLiteral(", "))});
    if (epochs < 1 || epochs > 1000)
        problems.push_back({Field::Epochs, QStringLiteral("1..1000")});
    if (batchSize < 1 || batchSize > 65536)
        problems.push_back({Field::BatchSize, QStringLiteral("1..65536")});
    if (!std::isfinite(learningRate) || learningRate <= 0.0 || learningRate > 10.0)
        problems.push_back({Field::LearningRate, QStringLiteral("(0, 10]")});
    if (optimizer != QLatin1String("adam") && optimizer != QLatin1String("sgd"))
        problems.push_back({Field::Optimizer, QStringLiteral("adam or sgd")});
    if (!std::isfinite(validationFraction) || validationFraction <= 0.0 ||
        validationFraction >= 1.0)
        problems.push_back({Field::ValidationFraction, QStringLiteral("(0, 1)")});
    if (threads < 0 || threads > 1024)
        problems.push_back({Field::Threads, QStringLiteral("0..1024 (0 = all cores)")});
    if (earlyStopPatience < 0 || earlyStopPatience > 1000)
        problems.push_back({Field::EarlyStopPatience, QStringLiteral("0..1000 (0 = off)")});
    return problems;
}

QString describeProblem(const TrainingConfig &config, const ConfigProblem &problem) {
    using Field = ConfigProblem::Field;
    switch (problem.field) {
    case Field::Architecture:
        return QStringLiteral("architecture: '%1' is not one of %2")
            .arg(config.architecture, problem.allowed);
    case Field::Epochs:
        return QStringLiteral("epochs: %1 is outside %2").arg(config.epochs).arg(problem.allowed);
    case Field::BatchSize:
        return QStringLiteral("batch size: %1 is outside %2")
            .arg(config.batchSize)
            .arg(problem.allowed);
    case Field::LearningRate:
        return QStringLiteral("learning rate: %1 must be a number in %2")
            .arg(config.learningRate)
            .arg(problem.allowed);
    case Field::Optimizer:
        return QStringLiteral("optimizer: '%1' is not %2").arg(config.optimizer, problem.allowed);
    case Field::ValidationFraction:
        return QStringLiteral("validation fraction: %1 must be in %2")
            .arg(config.validationFraction)
            .arg(problem.allowed);
    case Field::Threads:
        return QStringLiteral("threads: %1 is outside %2").arg(config.threads).arg(problem.allowed);
    case Field::EarlyStopPatience:
        return QStringLiteral("early-stop patience: %1 is outside %2")
            .arg(config.earlyStopPatience)
            .arg(problem.allowed);
    }
    return {};
}

QStringList describeProblems(const TrainingConfig &config) {
    QStringList lines;
    for (const ConfigProblem &problem : config.problems())
        lines << describeProblem(config, problem);
    return lines;
}

int TrainingConfig::effectiveThreads() const {
    return threads > 0 ? threads : std::max(1, QThread::idealThreadCount());
}

QStringList describeDifferences(const TrainingConfig &run, const TrainingConfig &reference) {
    QStringList differences;
    if (run.architecture != reference.architecture)
        differences << run.architecture;
    if (run.epochs != reference.epochs)
        differences << QStringLiteral("%1 epochs").arg(run.epochs);
    if (run.batchSize != reference.batchSize)
        differences << QStringLiteral("batch %1").arg(run.batchSize);
    if (run.learningRate != reference.learningRate)
        differences << QStringLiteral("lr %1").arg(run.learningRate);
    if (run.optimizer != reference.optimizer)
        differences << run.optimizer;
    if (run.augmentation != reference.augmentation)
        differences << (run.augmentation ? QStringLiteral("augmentation")
                                         : QStringLiteral("no augmentation"));
    if (run.notDigitClass != reference.notDigitClass)
        differences << (run.notDigitClass ? QStringLiteral("not-a-digit class")
                                          : QStringLiteral("no not-a-digit class"));
    if (run.classBalancing != reference.classBalancing)
        differences << QStringLiteral("balancing %1").arg(classBalancingName(run.classBalancing));
    if (run.keepBestEpoch != reference.keepBestEpoch)
        differences << (run.keepBestEpoch ? QStringLiteral("keep best")
                                          : QStringLiteral("keep last"));
    if (run.earlyStopPatience != reference.earlyStopPatience)
        differences << (run.earlyStopPatience > 0
                            ? QStringLiteral("early stop %1").arg(run.earlyStopPatience)
                            : QStringLiteral("no early stop"));
    if (run.validationFraction != reference.validationFraction)
        differences << QStringLiteral("validation %1").arg(run.validationFraction);
    if (run.seed != reference.seed)
        differences << QStringLiteral("seed %1").arg(run.seed);
    return differences;
}

QString classBalancingName(ClassBalancing balancing) {
    switch (balancing) {
    case ClassBalancing::LossWeights:
        return QStringLiteral("loss-weights");
    case ClassBalancing::Sampling:
        return QStringLiteral("sampling");
    case ClassBalancing::StyleSampling:
        return QStringLiteral("style-sampling");
    case ClassBalancing::None:
        break;
    }
    return QStringLiteral("none");
}

bool parseClassBalancing(const QString &name, ClassBalancing *balancing) {
    for (ClassBalancing candidate : {ClassBalancing::None, ClassBalancing::LossWeights,
                                     ClassBalancing::Sampling, ClassBalancing::StyleSampling}) {
        if (classBalancingName(candidate) == name) {
            *balancing = candidate;
            return true;
        }
    }
    return false;
}

QJsonObject TrainingConfig::toJson() const {
    return {{QStringLiteral("architecture"), architecture},
            {QStringLiteral("epochs"), epochs},
            {QStringLiteral("batch_size"), batchSize},
            {QStringLiteral("learning_rate"), learningRate},
            {QStringLiteral("optimizer"), optimizer},
            {QStringLiteral("augmentation"), augmentation},
            {QStringLiteral("not_digit_class"), notDigitClass},
            {QStringLiteral("class_balancing"), classBalancingName(classBalancing)},
            {QStringLiteral("keep_best_epoch"), keepBestEpoch},
            {QStringLiteral("early_stop_patience"), earlyStopPatience},
            {QStringLiteral("validation_fraction"), validationFraction},
            {QStringLiteral("seed"), QString::number(seed)},
            {QStringLiteral("threads"), effectiveThreads()}};
}

TrainingConfig TrainingConfig::fromJson(const QJsonObject &json) {
    TrainingConfig config;
    config.architecture = json.value(QStringLiteral("architecture")).toString(config.architecture);
    config.epochs = json.value(QStringLiteral("epochs")).toInt(config.epochs);
    config.batchSize = json.value(QStringLiteral("batch_size")).toInt(config.batchSize);
    config.learningRate = json.value(QStringLiteral("learning_rate")).toDouble(config.learningRate);
    config.optimizer = json.value(QStringLiteral("optimizer")).toString(config.optimizer);
    config.augmentation = json.value(QStringLiteral("augmentation")).toBool(config.augmentation);
    // Runs from before the not-a-digit class had none.
    config.notDigitClass = json.value(QStringLiteral("not_digit_class")).toBool(false);
    parseClassBalancing(json.value(QStringLiteral("class_balancing")).toString(),
                        &config.classBalancing);
    // Runs from before keep-best kept their last epoch.
    config.keepBestEpoch = json.value(QStringLiteral("keep_best_epoch")).toBool(false);
    config.earlyStopPatience = json.value(QStringLiteral("early_stop_patience")).toInt(0);
    config.validationFraction =
        json.value(QStringLiteral("validation_fraction")).toDouble(config.validationFraction);
    config.seed = json.value(QStringLiteral("seed")).toString().toULongLong();
    config.threads = json.value(QStringLiteral("threads")).toInt(0);
    return config;
}

} // namespace digitpad
