#include "analysis.h"
#include "analysis_report.h"
#include "cli_command.h"
#include "cli_support.h"
#include "dataset.h"
#include "error.h"
#include "training_data.h"

#include <QJsonArray>

int runEval(const QStringList &arguments) {
    QCommandLineParser parser;
    parser.addOptions({
        cli::modelOption(),
        {QStringLiteral("images"), QStringLiteral("IDX image file (idx3, raw or .gz)."),
         QStringLiteral("IDX")},
        {QStringLiteral("labels"), QStringLiteral("IDX label file (idx1, raw or .gz)."),
         QStringLiteral("IDX")},
        {QStringLiteral("report"),
         QStringLiteral(
             "Also write the analysis report there: metrics as JSON and CSV, charts as PNG."),
         QStringLiteral("DIR")},
        {QStringLiteral("threshold"),
         QStringLiteral("Fairness threshold: the largest acceptable gap between groups, in "
                        "percentage points."),
         QStringLiteral("POINTS"), QStringLiteral("5")},
        {QStringLiteral("bootstrap"),
         QStringLiteral("Bootstrap rounds for the 95% intervals (0: none)."), QStringLiteral("N"),
         QStringLiteral("200")},
    });
    cli::parseOrExit(
        parser, arguments,
        QStringLiteral(
            "Evaluate a model: accuracy, loss, confusion matrix (rows: true digit, columns: "
            "predicted), per-class metrics, and with --report the full analysis. Without "
            "--images and --labels, the model's own validation split is used (models "
            "trained on the embedded digits)."));
    const bool hasImages = parser.isSet(QStringLiteral("images")),
               hasLabels = parser.isSet(QStringLiteral("labels"));
    if (hasImages != hasLabels)
        throw digitpad::Error(
            QStringLiteral("eval needs both --images IDX and --labels IDX, or neither"));
    const double threshold = cli::realOption(parser, QStringLiteral("threshold"), 5.0);
    if (!(threshold >= 0 && threshold <= 100))
        throw digitpad::Error(
            QStringLiteral("--threshold: %1 is outside 0..100 percentage points").arg(threshold));
    const int rounds = cli::intOption(parser, QStringLiteral("bootstrap"), 200);
    if (rounds < 0 || rounds > 100000)
        throw digitpad::Error(QStringLiteral("--bootstrap: %1 is outside 0..100000").arg(rounds));

    QString modelPath;
    const digitpad::Classifier model = cli::loadModelFromOption(parser, &modelPath);
    // The model's own splits, rebuilt once: the default data set, and the training class
    // counts of the report whichever data is evaluated.
    std::optional<digitpad::TrainingData> splits;
    try {
        splits = digitpad::splitsOf(model.metadata());
    } catch (const digitpad::Error &) {
        if (!hasImages)
            throw;
    }
    const digitpad::Dataset dataset =
        hasImages ? digitpad::loadDatasetPair(parser.value(QStringLiteral("images")),
                                              parser.value(QStringLiteral("labels")))
                  : splits->validation;
    digitpad::AnalysisOptions options;
    options.bootstrap.rounds = rounds;
    digitpad::Analysis analysis = digitpad::analyse(model, dataset, options);
    if (splits)
        analysis.trainingClassCounts = splits->train.classCounts();

    QJsonObject json = analysis.confusion.toJson();
    json.insert(QStringLiteral("model"), modelPath);
    json.insert(QStringLiteral("dataset"), dataset.name);
    json.insert(QStringLiteral("samples"), dataset.size());
    json.insert(QStringLiteral("accuracy"), analysis.accuracy);
    json.insert(QStringLiteral("loss"), analysis.loss);
    if (parser.isSet(QStringLiteral("report"))) {
        const QStringList files = digitpad::writeAnalysisReport(
            analysis, parser.value(QStringLiteral("report")), threshold / 100.0);
        json.insert(QStringLiteral("report"), QJsonArray::fromStringList(files));
        cli::printProgress(QStringLiteral("report: %1 files in %2")
                               .arg(files.size())
                               .arg(parser.value(QStringLiteral("report"))));
    }
    cli::printJson(json);
    return 0;
}
