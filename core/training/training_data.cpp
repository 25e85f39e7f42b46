#include "training_data.h"

#include "error.h"
#include "mnist.h"
#include "split.h"
#include "training_config.h"

namespace digitpad {

TrainingData prepareTrainingData(const QString &folder, double validationFraction,
                                 std::uint64_t seed, int limit) {
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
    if (limit > 0 && limit < all.size()) {
        const double keptFraction = double(limit) / all.size();
        all = all.subset(stratifiedSplit(all.labels, keptFraction, seed).validation);
    }
    const Split split = stratifiedSplit(all.labels, validationFraction, seed);
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
