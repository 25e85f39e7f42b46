#include "evaluation_source.h"

#include "error.h"
#include "mnist.h"
#include "personal_samples.h"
#include "training_data.h"

namespace digitpad {

namespace {
struct SourceInfo {
    EvaluationSource source;
    const char *key;
    const char *label;
};
constexpr SourceInfo kSources[] = {
    {EvaluationSource::MnistTest, "mnist-test", "MNIST test set (10,000)"},
    {EvaluationSource::ModelValidation, "validation", "Validation split of the model"},
    {EvaluationSource::MnistTraining, "mnist-train", "MNIST training set (60,000)"},
    {EvaluationSource::IdxFolder, "folder", "An IDX folder..."},
    {EvaluationSource::PersonalSamples, "personal", "Your personal samples"},
};

const SourceInfo &infoOf(EvaluationSource source) {
    for (const SourceInfo &info : kSources)
        if (info.source == source)
            return info;
    return kSources[0];
}

std::optional<TrainingData> splitsIfRebuildable(const ModelMetadata &model) {
    try {
        return splitsOf(model);
    } catch (const Error &) {
        return std::nullopt; // trained on other data: no training counts to show
    }
}
} // namespace

QString evaluationSourceKey(EvaluationSource source) {
    return QString::fromLatin1(infoOf(source).key);
}

std::optional<EvaluationSource> evaluationSourceFromKey(const QString &key) {
    for (const SourceInfo &info : kSources)
        if (key == QLatin1String(info.key))
            return info.source;
    return std::nullopt;
}

QString evaluationSourceLabel(EvaluationSource source) {
    return QString::fromLatin1(infoOf(source).label);
}

EvaluationData loadEvaluationData(EvaluationSource source, const QString &folder,
                                  const ModelMetadata &model) {
    EvaluationData chosen;
    if (source == EvaluationSource::ModelValidation) {
        TrainingData splits = splitsOf(model); // throws when they cannot be rebuilt
        chosen.trainingClassCounts = splits.train.classCounts();
        chosen.data = std::move(splits.validation);
        return chosen;
    }
    switch (source) {
    case EvaluationSource::MnistTest:
        chosen.data = loadMnistTest();
        break;
    case EvaluationSource::MnistTraining:
        chosen.data = loadMnistTraining();
        break;
    case EvaluationSource::IdxFolder: {
        if (folder.isEmpty())
            throw Error(QStringLiteral("choose the IDX folder to evaluate on"));
        FolderDatasets loaded = loadDatasetFolder(folder);
        // The folder's official test files when it has them: they judge, the training files
        // were learnt from.
        chosen.data = loaded.test ? std::move(*loaded.test) : std::move(loaded.train);
        break;
    }
    case EvaluationSource::PersonalSamples: {
        const PersonalSamples personal(folder);
        if (personal.count() == 0)
            throw Error(QStringLiteral(
                "your personal data set is empty: correct some drawings in the Draw tab first"));
        chosen.data = personal.samples();
        chosen.data.name = QStringLiteral("your personal samples");
        break;
    }
    case EvaluationSource::ModelValidation:
        break;
    }
    if (const auto splits = splitsIfRebuildable(model))
        chosen.trainingClassCounts = splits->train.classCounts();
    return chosen;
}

EvaluationData loadEvaluationPair(const QString &imagesPath, const QString &labelsPath,
                                  const ModelMetadata &model) {
    EvaluationData chosen;
    chosen.data = loadDatasetPair(imagesPath, labelsPath);
    if (const auto splits = splitsIfRebuildable(model))
        chosen.trainingClassCounts = splits->train.classCounts();
    return chosen;
}

} // namespace digitpad
