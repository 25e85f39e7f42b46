#include "architectures.h"
#include "checkpoint.h"
#include "cli_command.h"
#include "cli_support.h"
#include "error.h"
#include "evaluation.h"
#include "label_marks.h"
#include "personal_samples.h"
#include "training_run.h"

#include <QFileInfo>
#include <QJsonArray>
#include <cstdio>
#include <unistd.h>

namespace {

// A fine-tune starts from its parent's settings (network, split, augmentation) with short,
// gentle defaults; a new run from its architecture's. Options given override either.
digitpad::TrainingConfig configFromOptions(const QCommandLineParser &parser) {
    const QString parent = parser.value(QStringLiteral("from"));
    if (!parent.isEmpty())
        cli::requireRegularFile(parent);
    auto config =
        parent.isEmpty()
            ? digitpad::TrainingConfig::forArchitecture(parser.value(QStringLiteral("arch")))
            : digitpad::TrainingConfig::forFineTuning(digitpad::TrainingConfig::fromJson(
                  digitpad::readModelMetadata(parent).trainingConfig));
    if (!parent.isEmpty() && parser.isSet(QStringLiteral("arch")) &&
        parser.value(QStringLiteral("arch")) != config.architecture)
        throw digitpad::Error(
            QStringLiteral("--arch %1: a fine-tune keeps the network of the model it starts from "
                           "(%2); leave --arch out")
                .arg(parser.value(QStringLiteral("arch")), config.architecture));
    config.epochs = cli::intOption(parser, QStringLiteral("epochs"), config.epochs);
    config.batchSize = cli::intOption(parser, QStringLiteral("batch-size"), config.batchSize);
    config.learningRate = cli::realOption(parser, QStringLiteral("lr"), config.learningRate);
    if (parent.isEmpty() || parser.isSet(QStringLiteral("optimizer")))
        config.optimizer = parser.value(QStringLiteral("optimizer"));
    if (parser.isSet(QStringLiteral("no-augment")))
        config.augmentation = false;
    if (parser.isSet(QStringLiteral("digits-only"))) {
        if (!parent.isEmpty() && config.notDigitClass)
            throw digitpad::Error(QStringLiteral(
                "--digits-only: a fine-tune keeps the outputs of the model it starts from, which "
                "has a not-a-digit class; leave --digits-only out"));
        config.notDigitClass = false;
    }
    config.keepBestEpoch = !parser.isSet(QStringLiteral("keep-last"));
    config.earlyStopPatience =
        cli::intOption(parser, QStringLiteral("early-stop"), config.earlyStopPatience);
    if (!digitpad::parseClassBalancing(parser.value(QStringLiteral("balance")),
                                       &config.classBalancing))
        throw digitpad::Error(
            QStringLiteral("--balance: '%1' is not none, loss-weights, sampling or style-sampling")
                .arg(parser.value(QStringLiteral("balance"))));
    config.validationFraction =
        cli::realOption(parser, QStringLiteral("validation-fraction"), config.validationFraction);
    if (parent.isEmpty() || parser.isSet(QStringLiteral("seed"))) {
        bool seedOk = false;
        config.seed = parser.value(QStringLiteral("seed")).toULongLong(&seedOk);
        if (!seedOk)
            throw digitpad::Error(QStringLiteral("--seed: '%1' is not a whole number")
                                      .arg(parser.value(QStringLiteral("seed"))));
    }
    config.threads = cli::intOption(parser, QStringLiteral("threads"), 0);
    if (const QStringList problems = digitpad::describeProblems(config); !problems.isEmpty())
        throw digitpad::Error(problems.join(QStringLiteral("; ")));
    return config;
}

} // namespace

int runTrain(const QStringList &arguments) {
    QCommandLineParser parser;
    parser.addOptions({
        {QStringLiteral("data"),
         QStringLiteral("IDX folder (the four MNIST files, or one "
                        "*idx3*/*idx1* pair). Default: the 60,000 MNIST training digits."),
         QStringLiteral("DIR")},
        {QStringLiteral("arch"),
         QStringLiteral("Architecture: %1 (default: cnn).")
             .arg(digitpad::architectureNames().join(QStringLiteral(", "))),
         QStringLiteral("NAME"), QStringLiteral("cnn")},
        {QStringLiteral("epochs"), QStringLiteral("Epochs (default per architecture)."),
         QStringLiteral("N")},
        {QStringLiteral("batch-size"), QStringLiteral("Batch size (default per architecture)."),
         QStringLiteral("N")},
        {QStringLiteral("lr"), QStringLiteral("Peak learning rate (warm-up, then cosine decay)."),
         QStringLiteral("X")},
        {QStringLiteral("optimizer"), QStringLiteral("adam or sgd."), QStringLiteral("NAME"),
         QStringLiteral("adam")},
        {QStringLiteral("no-augment"), QStringLiteral("Train without random affine augmentation.")},
        {QStringLiteral("digits-only"),
         QStringLiteral("The classic ten-output network: no not-a-digit class, so no negatives "
                        "to make and learn (faster; every picture then reads as some digit).")},
        {QStringLiteral("balance"),
         QStringLiteral(
             "Bias mitigation: none, loss-weights or sampling (by digit), or style-sampling "
             "(by handwriting style: thickness x slant quartile)."),
         QStringLiteral("MODE"), QStringLiteral("none")},
        {QStringLiteral("validation-fraction"),
         QStringLiteral("Share held out for validation (0.1)."), QStringLiteral("X")},
        {QStringLiteral("seed"), QStringLiteral("Random seed (split, initialisation, order)."),
         QStringLiteral("N"), QStringLiteral("1")},
        {QStringLiteral("keep-last"),
         QStringLiteral("Keep the last epoch's weights (default: the best epoch's by "
                        "validation).")},
        {QStringLiteral("early-stop"),
         QStringLiteral("End the run once validation has not improved for N epochs (0: off)."),
         QStringLiteral("N")},
        {QStringLiteral("from"),
         QStringLiteral("Fine-tune this model instead of training a new one: on the personal "
                        "samples, with replayed training digits, from its own settings and "
                        "splits (2 epochs at a fifth of its learning rate unless given)."),
         QStringLiteral("MODEL")},
        {QStringLiteral("personal"),
         QStringLiteral("Personal samples folder (IDX pair, as the Draw tab keeps them). "
                        "Default with --from: %1; otherwise none.")
             .arg(digitpad::PersonalSamples::defaultFolder()),
         QStringLiteral("DIR")},
        {QStringLiteral("threads"), QStringLiteral("CPU threads (default: all cores)."),
         QStringLiteral("N")},
        {QStringLiteral("limit"), QStringLiteral("Use a stratified subset of N samples."),
         QStringLiteral("N")},
        {QStringLiteral("exclude-marked"),
         QStringLiteral("Leave out of the training split the digits marked \"label is wrong\" "
                        "(the Analysis tab's Labels page); the data set's name says how many.")},
        {QStringLiteral("out"),
         QStringLiteral("Where to save the model (default: filed in the user's runs folder, "
                        "as the Train tab does)."),
         QStringLiteral("FILE")},
    });
    cli::parseOrExit(parser, arguments,
                     QStringLiteral("Train a digit classifier. Progress on stderr, "
                                    "a JSON summary on stdout."));

    digitpad::TrainingRunRequest request;
    request.config = configFromOptions(parser);
    request.dataFolder = parser.value(QStringLiteral("data"));
    if (!request.dataFolder.isEmpty())
        cli::requireFolder(request.dataFolder);
    request.limit = cli::intOption(parser, QStringLiteral("limit"), 0);
    if (request.limit < 0)
        throw digitpad::Error(
            QStringLiteral("--limit: %1 is negative (0 or leave it out for all samples)")
                .arg(request.limit));
    request.outputPath = parser.value(QStringLiteral("out"));
    request.parentModelPath = parser.value(QStringLiteral("from"));
    if (parser.isSet(QStringLiteral("exclude-marked"))) {
        if (!request.parentModelPath.isEmpty())
            throw digitpad::Error(QStringLiteral(
                "--exclude-marked: a fine-tune keeps the splits of the model it starts from; "
                "leave --exclude-marked out"));
        request.excludeMarkedPath = digitpad::LabelMarks::defaultPath();
    }
    request.personalFolder = parser.value(QStringLiteral("personal"));
    if (!request.parentModelPath.isEmpty() && request.personalFolder.isEmpty() &&
        QFileInfo::exists(digitpad::PersonalSamples::defaultFolder()))
        request.personalFolder = digitpad::PersonalSamples::defaultFolder();
    const digitpad::TrainingConfig &config = request.config;

    digitpad::TrainingRunCallbacks callbacks;
    std::optional<digitpad::Dataset> test;
    QString datasetName;
    int trainSamples = 0, validationSamples = 0, leftOut = 0;
    callbacks.onDataReady = [&](const digitpad::TrainingData &data, int threads) {
        cli::printProgress(
            QStringLiteral("training %1 on %2: %3 train / %4 validation samples, %5 threads")
                .arg(config.architecture, data.train.name)
                .arg(data.train.size())
                .arg(data.validation.size())
                .arg(threads));
        test = data.test; // judged after training, never used to choose
        datasetName = data.train.name;
        trainSamples = data.train.size();
        leftOut = data.leftOut;
        validationSamples = data.validation.size();
    };
    callbacks.shouldStop = cli::stopOnCtrlC();
    // An overwritten progress line helps on a terminal and is noise in a log file.
    const bool terminal = isatty(fileno(stderr));
    callbacks.onBatch = [terminal](const digitpad::BatchStats &stats) {
        if (terminal && stats.batch % 50 == 0)
            std::fprintf(stderr, "  epoch %d batch %d/%d loss %.4f\r", stats.epoch, stats.batch,
                         stats.batchesPerEpoch, stats.loss);
    };
    callbacks.onEpoch = [](const digitpad::EpochStats &stats) {
        cli::printProgress(QStringLiteral("epoch %1/%2  loss %3  train %4%  val loss %5  val %6%  "
                                          "%7 s  %8 samples/s")
                               .arg(stats.epoch)
                               .arg(stats.epochs)
                               .arg(stats.trainLoss, 0, 'f', 4)
                               .arg(stats.trainAccuracy * 100, 0, 'f', 2)
                               .arg(stats.validationLoss, 0, 'f', 4)
                               .arg(stats.validationAccuracy * 100, 0, 'f', 2)
                               .arg(stats.seconds, 0, 'f', 1)
                               .arg(stats.samplesPerSecond, 0, 'f', 0));
    };
    const digitpad::FiledRun run = digitpad::trainAndFileRun(request, callbacks);
    const digitpad::TrainingResult &result = run.result;
    if (result.cancelled) {
        cli::printError(QStringLiteral("training interrupted; nothing saved"));
        return 130;
    }

    QJsonArray epochs;
    for (const auto &stats : result.epochs)
        epochs.append(digitpad::epochStatsToJson(stats));
    QJsonObject summary{
        {QStringLiteral("architecture"), config.architecture},
        {QStringLiteral("config"), config.toJson()},
        {QStringLiteral("dataset"), datasetName},
        {QStringLiteral("train_samples"), trainSamples},
        {QStringLiteral("marked_wrong_left_out"), leftOut},
        {QStringLiteral("validation_samples"), validationSamples},
        {QStringLiteral("validation_accuracy"), result.model.metadata().validationAccuracy},
        {QStringLiteral("validation_loss"), result.model.metadata().validationLoss},
        // Best by validation; under --keep-last the saved weights (and validation_accuracy) are
        // the last epoch's, which kept_epoch names.
        {QStringLiteral("best_epoch"), result.bestEpoch},
        {QStringLiteral("kept_epoch"), result.model.metadata().bestEpoch},
        {QStringLiteral("stopped_early"), result.stoppedEarly},
        {QStringLiteral("train_seconds"), result.trainSeconds},
        {QStringLiteral("samples_per_second"), result.samplesPerSecond},
        {QStringLiteral("epochs"), epochs},
        {QStringLiteral("output"), run.path},
    };
    if (const auto &effect = result.fineTuneEffect) {
        summary.insert(QStringLiteral("parent"), request.parentModelPath);
        summary.insert(
            QStringLiteral("fine_tune"),
            QJsonObject{
                {QStringLiteral("personal_samples"), effect->personalSamples},
                {QStringLiteral("personal_accuracy_before"), effect->personalAccuracyBefore},
                {QStringLiteral("personal_accuracy_after"), effect->personalAccuracyAfter},
                {QStringLiteral("validation_accuracy_before"), effect->validationAccuracyBefore},
                {QStringLiteral("validation_accuracy_after"), effect->validationAccuracyAfter},
                {QStringLiteral("pays"), effect->pays()}});
        if (!effect->pays())
            std::fprintf(stderr,
                         "the samples read no better than with %s, and validation fell by more "
                         "than %.2f points: that model is the better one\n",
                         qPrintable(request.parentModelPath), digitpad::kValidationNoise * 100);
    }
    if (test) {
        const digitpad::Evaluation score = digitpad::evaluate(result.model, *test);
        summary.insert(QStringLiteral("test_accuracy"), score.accuracy);
        summary.insert(QStringLiteral("test_loss"), score.loss);
    }
    cli::printJson(summary);
    return 0;
}
