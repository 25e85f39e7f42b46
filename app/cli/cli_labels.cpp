#include "cli_command.h"
#include "cli_support.h"
#include "error.h"
#include "evaluation_source.h"
#include "label_audit_run.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <map>

namespace {
// "3 -> 5: 12, 9 -> 4: 7, ...": how many suspects per pair of given and suggested digit, most
// first.
QString pairSummary(const digitpad::LabelAudit &audit) {
    std::multimap<int, QString, std::greater<>> pairs;
    for (int given = 0; given < digitpad::kClassCount; ++given)
        for (int suggested = 0; suggested < digitpad::kClassCount; ++suggested)
            if (const int count = audit.confidentJoint[std::size_t(given)][std::size_t(suggested)];
                given != suggested && count > 0)
                pairs.emplace(count,
                              QStringLiteral("%1 -> %2: %3").arg(given).arg(suggested).arg(count));
    QStringList parts;
    for (const auto &[count, text] : pairs)
        parts << text;
    return parts.join(QStringLiteral(", "));
}
} // namespace

int runLabels(const QStringList &arguments) {
    QCommandLineParser parser;
    parser.addOptions({
        {QStringLiteral("source"),
         QStringLiteral("The data to audit: mnist-train (the 60,000 training digits, default), "
                        "mnist-test, folder (with --folder DIR) or personal (your corrected "
                        "drawings)."),
         QStringLiteral("SOURCE"), QStringLiteral("mnist-train")},
        cli::folderOption(),
        {QStringLiteral("top"), QStringLiteral("Print at most N suspects (0: all)."),
         QStringLiteral("N"), QStringLiteral("100")},
        {QStringLiteral("folds"),
         QStringLiteral("Cross-validation folds: each is read by a network trained on the others."),
         QStringLiteral("K"), QStringLiteral("4")},
    });
    cli::parseOrExit(
        parser, arguments,
        QStringLiteral(
            "Find digits whose label is probably wrong: out-of-sample probabilities by k-fold "
            "cross-validation (the quick network), then confident learning. One JSON object per "
            "suspect on stdout, most suspicious first: index (0-based), label, suggested, "
            "self_confidence, score, confident (false for the ones only read as another digit, "
            "listed after every confident one). A summary on stderr. The probabilities are cached "
            "per data "
            "set, so a second audit is instant."));
    const int top = cli::intOption(parser, QStringLiteral("top"), 100);
    if (top < 0)
        throw digitpad::Error(QStringLiteral("--top: %1 is negative").arg(top));
    digitpad::LabelAuditOptions options;
    options.folds = cli::intOption(parser, QStringLiteral("folds"), 4);
    if (options.folds < 2 || options.folds > 20)
        throw digitpad::Error(QStringLiteral("--folds: %1 is outside 2..20").arg(options.folds));
    options.cacheFolder = digitpad::defaultLabelAuditCache();
    const QString sourceKey = parser.value(QStringLiteral("source"));
    const auto source = digitpad::evaluationSourceFromKey(sourceKey);
    if (!source || *source == digitpad::EvaluationSource::ModelValidation)
        throw digitpad::Error(
            QStringLiteral("--source: '%1' is not mnist-train, mnist-test, folder or personal")
                .arg(sourceKey));
    const digitpad::Dataset data =
        digitpad::loadEvaluationData(*source, cli::sourceFolder(parser, *source),
                                     digitpad::ModelMetadata{})
            .data;

    digitpad::LabelAuditCallbacks callbacks;
    callbacks.shouldStop = cli::stopOnCtrlC();
    callbacks.onFoldStarted = [&data](int fold, int folds) {
        cli::printProgress(QStringLiteral("fold %1/%2 of %3 (%4 samples)")
                               .arg(fold)
                               .arg(folds)
                               .arg(data.name)
                               .arg(data.size()));
    };
    QElapsedTimer timer;
    timer.start();
    const digitpad::LabelAuditRun run = digitpad::auditDatasetLabels(data, options, callbacks);
    if (run.stopped) {
        cli::printError(QStringLiteral("interrupted: nothing audited"));
        return 130;
    }
    const auto &suspects = run.audit.suspects;
    const std::size_t shown =
        top == 0 ? suspects.size() : std::min(suspects.size(), std::size_t(top));
    for (std::size_t k = 0; k < shown; ++k) {
        const digitpad::LabelSuspect &suspect = suspects[k];
        cli::printJson({{QStringLiteral("index"), suspect.index},
                        {QStringLiteral("label"), suspect.label},
                        {QStringLiteral("suggested"), suspect.suggested},
                        {QStringLiteral("self_confidence"), suspect.selfConfidence},
                        {QStringLiteral("score"), suspect.score},
                        {QStringLiteral("confident"), suspect.confident}});
    }
    cli::printProgress(QStringLiteral("%1 suspects (%2 confident) among %3 samples of %4 (%5 "
                                      "shown), %6 s%7")
                           .arg(suspects.size())
                           .arg(run.audit.confidentSuspects)
                           .arg(data.size())
                           .arg(data.name)
                           .arg(shown)
                           .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1)
                           .arg(run.fromCache ? QStringLiteral(", from the cache") : QString()));
    if (!suspects.empty())
        cli::printProgress(QStringLiteral("given -> suggested: ") + pairSummary(run.audit));
    return 0;
}
