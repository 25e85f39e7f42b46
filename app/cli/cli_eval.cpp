#include "analysis_report.h"
#include "cli_command.h"
#include "cli_support.h"
#include "error.h"
#include "model_evaluation.h"
#include "open_set_measure.h"

#include <QJsonArray>

int runEval(const QStringList &arguments) {
    QCommandLineParser parser;
    parser.addOptions({
        cli::modelOption(),
        {QStringLiteral("images"), QStringLiteral("IDX image file (idx3, raw or .gz)."),
         QStringLiteral("IDX")},
        {QStringLiteral("labels"), QStringLiteral("IDX label file (idx1, raw or .gz)."),
         QStringLiteral("IDX")},
        {QStringLiteral("source"),
         QStringLiteral("Without --images/--labels: mnist-test (the official 10,000 test digits, "
                        "default), validation (the model's own validation split), mnist-train, "
                        "folder (with --folder DIR) or personal (your corrected drawings)."),
         QStringLiteral("SOURCE"), QStringLiteral("mnist-test")},
        cli::folderOption(),
        {QStringLiteral("report"),
         QStringLiteral(
             "Also write the analysis report there: metrics as JSON and CSV, charts as PNG."),
         QStringLiteral("DIR")},
        {QStringLiteral("threshold"),
         QStringLiteral("Fairness threshold: the largest acceptable gap between groups, in "
                        "percentage points (default: 5)."),
         QStringLiteral("POINTS"), QStringLiteral("5")},
        {QStringLiteral("no-open-set"),
         QStringLiteral("Skip the open-set curve (the evaluated digits against the real doodles "
                        "of kinds held out of training, over every not-a-digit threshold).")},
        {QStringLiteral("bootstrap"),
         QStringLiteral("Bootstrap rounds for the 95% intervals (0: none)."), QStringLiteral("N"),
         QStringLiteral("200")},
    });
    cli::parseOrExit(
        parser, arguments,
        QStringLiteral(
            "Evaluate a model: accuracy, loss, confusion matrix (rows: true digit, columns: "
            "predicted), per-class metrics, and with --report the full analysis. Without "
            "--images and --labels, the official MNIST test set (or --source)."));
    const bool hasImages = parser.isSet(QStringLiteral("images")),
               hasLabels = parser.isSet(QStringLiteral("labels"));
    if (hasImages != hasLabels)
        throw digitpad::Error(
            QStringLiteral("eval needs both --images IDX and --labels IDX, or neither"));
    if (hasImages) {
        cli::requireRegularFile(parser.value(QStringLiteral("images")));
        cli::requireRegularFile(parser.value(QStringLiteral("labels")));
    }
    const double threshold = cli::realOption(parser, QStringLiteral("threshold"), 5.0);
    if (!(threshold >= 0 && threshold <= 100))
        throw digitpad::Error(
            QStringLiteral("--threshold: %1 is outside 0..100 percentage points").arg(threshold));
    const int rounds = cli::intOption(parser, QStringLiteral("bootstrap"), 200);
    if (rounds < 0 || rounds > 100000)
        throw digitpad::Error(QStringLiteral("--bootstrap: %1 is outside 0..100000").arg(rounds));

    QString modelPath;
    const digitpad::Classifier model = cli::loadModelFromOption(parser, &modelPath);
    const QString sourceKey = parser.value(QStringLiteral("source"));
    const auto source = digitpad::evaluationSourceFromKey(sourceKey);
    if (!source)
        throw digitpad::Error(QStringLiteral("--source: '%1' is not mnist-test, validation, "
                                             "mnist-train, folder or personal")
                                  .arg(sourceKey));
    digitpad::EvaluationRequest request;
    request.source = *source;
    request.folder = cli::sourceFolder(parser, *source);
    if (hasImages) {
        request.imagesPath = parser.value(QStringLiteral("images"));
        request.labelsPath = parser.value(QStringLiteral("labels"));
    }
    digitpad::AnalysisOptions options;
    options.bootstrap.rounds = rounds;
    const digitpad::ModelEvaluation evaluation = digitpad::evaluateModel(model, request, options);
    const digitpad::Analysis &analysis = evaluation.analysis;
    const digitpad::Dataset &dataset = evaluation.data;

    QJsonObject json = analysis.confusion.toJson();
    json.insert(QStringLiteral("model"), modelPath);
    json.insert(QStringLiteral("dataset"), dataset.name);
    json.insert(QStringLiteral("samples"), dataset.size());
    json.insert(QStringLiteral("accuracy"), analysis.accuracy);
    json.insert(QStringLiteral("loss"), analysis.loss);
    if (!parser.isSet(QStringLiteral("no-open-set")))
        if (const auto curve = digitpad::measureOpenSet(model, dataset))
            json.insert(QStringLiteral("open_set"), curve->toJson());
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
