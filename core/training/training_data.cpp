#include "training_data.h"

#include "error.h"
#include "mnist.h"
#include "split.h"
#include "training_config.h"

#include <algorithm>
#include <numeric>

namespace digitpad {

TrainingData prepareTrainingData(const QString &folder, double validationFraction,
                                 std::uint64_t seed, int limit, const LabelMarks *marks) {
    Dataset all;
    TrainingData data;
    if (folder.isEmpty()) {
        all = loadMnistTraining();
        data.test = loadMnistTest();
    } else {
        FolderDatasets loaded = loadDatasetFolder(folder);
        all = std::move(loaded.train);
        data.test = std::move(loaded.test);
    }
    // Marks name samples by their place in the data set as loaded.
    const QString fingerprint = marks ? all.fingerprint() : QString();
    std::vector<int> origin(static_cast<std::size_t>(all.size()));
    std::iota(origin.begin(), origin.end(), 0);
    if (limit > 0 && limit < all.size()) {
        const double keptFraction = double(limit) / all.size();
        const std::vector<int> kept = stratifiedSplit(all.labels, keptFraction, seed).validation;
        all = all.subset(kept);
        for (std::size_t k = 0; k < kept.size(); ++k)
            origin[k] = kept[k];
        origin.resize(kept.size());
    }
    Split split = stratifiedSplit(all.labels, validationFraction, seed);
    if (marks) {
        const auto before = split.train.size();
        split.train.erase(std::remove_if(split.train.begin(), split.train.end(),
                                         [&](int k) {
                                             return marks->verdict(fingerprint,
                                                                   origin[std::size_t(k)]) ==
                                                    LabelMarks::Verdict::Wrong;
                                         }),
                          split.train.end());
        data.leftOut = int(before - split.train.size());
    }
    if (split.train.empty() || split.validation.empty())
        throw Error(QStringLiteral("%1: %2 samples are too few to split into training and "
                                   "validation")
                        .arg(all.name)
                        .arg(all.size()));
    data.train = all.subset(split.train);
    data.validation = all.subset(split.validation);
    data.validation.name = all.name + QStringLiteral(" (validation)");
    return data;
}

TrainingData splitsOf(const ModelMetadata &metadata) {
    const TrainingConfig config = TrainingConfig::fromJson(metadata.trainingConfig);
    TrainingData data = prepareTrainingData(QString(), config.validationFraction, config.seed);
    data.test.reset();
    // Personal samples join the training split after the split is made, so a model trained on
    // MNIST plus them still has MNIST's validation split; older models recorded the training
    // split's fingerprint only.
    const bool rebuilt = metadata.validationFingerprint.isEmpty()
                             ? data.train.fingerprint() == metadata.datasetFingerprint
                             : data.validation.fingerprint() == metadata.validationFingerprint;
    if (!rebuilt)
        throw Error(
            QStringLiteral("the model was validated on %1, not on a split of the MNIST training "
                           "set, so its validation split cannot be rebuilt: choose a data set to "
                           "evaluate on")
                .arg(metadata.datasetName.isEmpty() ? QStringLiteral("other data")
                                                    : metadata.datasetName));
    return data;
}

} // namespace digitpad
