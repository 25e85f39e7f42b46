#include "analysis.h"
#include "analysis_report.h"
#include "checkpoint.h"
#include "fairness.h"
#include "group_metrics.h"
#include "mnist.h"
#include "split.h"
#include "style_features.h"
#include "training_data.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <numeric>

using namespace digitpad;

namespace {
// Six samples worked through by hand in the tests below.
Outcomes handCase() {
    return {{0, 0, 0.9f}, {0, 0, 0.8f}, {0, 1, 0.6f}, {1, 1, 0.7f}, {1, 0, 0.55f}, {2, 2, 0.95f}};
}

std::vector<int> all(const Outcomes &outcomes) {
    std::vector<int> indices(outcomes.size());
    for (std::size_t i = 0; i < indices.size(); ++i)
        indices[i] = int(i);
    return indices;
}

double value(const GroupMetrics &group, Metric metric) {
    return group[metric].value.value();
}

// A 28x28 digit: one stroke from `from` to `to` of the given pen width, ink bright on black.
std::vector<std::uint8_t> stroke(QPointF from, QPointF to, double width) {
    QImage image(kImageSide, kImageSide, QImage::Format_Grayscale8);
    image.fill(0);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(Qt::white, width, Qt::SolidLine, Qt::RoundCap));
    painter.drawLine(from, to);
    painter.end();
    std::vector<std::uint8_t> pixels;
    for (int y = 0; y < kImageSide; ++y)
        pixels.insert(pixels.end(), image.constScanLine(y), image.constScanLine(y) + kImageSide);
    return pixels;
}

// n outcomes, `accuracy` of them correct, all labelled 0.
Outcomes synthetic(int n, double accuracy) {
    Outcomes outcomes;
    for (int i = 0; i < n; ++i)
        outcomes.push_back({0, i < int(n * accuracy) ? 0 : 1, 0.9f});
    return outcomes;
}
} // namespace

class AnalysisTest : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void perDigitMetricsMatchTheHandComputedCase() {
        const std::vector<GroupMetrics> digits = digitGroups(handCase(), {0, 1});
        QCOMPARE(digits.size(), std::size_t(10));
        const GroupMetrics &zero = digits[0];
        QCOMPARE(zero.support, 3);
        // TP 2, FN 1, FP 1 (the 1 read as 0), TN 2
        QVERIFY(qFuzzyCompare(value(zero, Metric::Recall), 2.0 / 3));
        QVERIFY(qFuzzyCompare(value(zero, Metric::Precision), 2.0 / 3));
        QVERIFY(qFuzzyCompare(value(zero, Metric::F1), 2.0 / 3));
        QVERIFY(qFuzzyCompare(value(zero, Metric::FalsePositiveRate), 1.0 / 3));
        QVERIFY(qFuzzyCompare(value(zero, Metric::FalseNegativeRate), 1.0 / 3));
        QVERIFY(std::abs(value(zero, Metric::MeanConfidence) - (0.9 + 0.8 + 0.6) / 3) <
                1e-6); // stored as float
        // bins 0.9 (right), 0.8 (right), 0.6 (wrong): (0.1 + 0.2 + 0.6) / 3
        QVERIFY(std::abs(value(zero, Metric::CalibrationError) - 0.3) < 1e-6);
        const GroupMetrics &one = digits[1];
        QCOMPARE(value(one, Metric::Recall), 0.5);
        QCOMPARE(value(one, Metric::Precision), 0.5);
        QCOMPARE(value(digits[2], Metric::Recall), 1.0);
        QCOMPARE(value(digits[2], Metric::FalsePositiveRate), 0.0);
    }

    void aDigitWithoutSupportIsNotApplicableNotADivisionByZero() {
        const std::vector<GroupMetrics> digits = digitGroups(handCase(), {50, 1});
        const GroupMetrics &three = digits[3];
        QCOMPARE(three.support, 0);
        QVERIFY(!three[Metric::Recall].value);
        QVERIFY(!three[Metric::Precision].value);
        QVERIFY(!three[Metric::F1].value);
        QVERIFY(!three[Metric::MeanConfidence].value);
        QCOMPARE(value(three, Metric::FalsePositiveRate),
                 0.0); // defined: six negatives, none called 3
        // The fairness summary leaves it out instead of calling it the worst digit.
        const auto recall = compareGroups(digits, QStringLiteral("digit"), Metric::Recall, 0.05);
        QVERIFY(recall);
        QCOMPARE(recall->worst, QStringLiteral("1"));
        QCOMPARE(recall->best, QStringLiteral("2"));
    }

    void fairnessComparisonNamesBestWorstDifferenceAndRatio() {
        std::vector<GroupMetrics> groups(3);
        const double recalls[] = {0.9, 0.8, 1.0};
        for (int i = 0; i < 3; ++i) {
            groups[std::size_t(i)].name = QString::number(i);
            groups[std::size_t(i)].metrics[std::size_t(Metric::Recall)].value = recalls[i];
            groups[std::size_t(i)].metrics[std::size_t(Metric::FalsePositiveRate)].value =
                recalls[i] / 10;
        }
        const auto loose = compareGroups(groups, QStringLiteral("digit"), Metric::Recall, 0.25);
        QCOMPARE(loose->best, QStringLiteral("2"));
        QCOMPARE(loose->worst, QStringLiteral("1"));
        QVERIFY(qFuzzyCompare(loose->difference, 0.2));
        QVERIFY(qFuzzyCompare(loose->ratio, 0.8));
        QVERIFY(loose->withinThreshold);
        const auto strict = compareGroups(groups, QStringLiteral("digit"), Metric::Recall, 0.1);
        QVERIFY(!strict->withinThreshold);
        QVERIFY(strict->verdict.contains(QStringLiteral("digit 1 worse than digit 2")));
        // For an error rate, lower is better: the worst group is the one with the most errors.
        const auto errors =
            compareGroups(groups, QStringLiteral("digit"), Metric::FalsePositiveRate, 0.1);
        QCOMPARE(errors->worst, QStringLiteral("2"));
        QCOMPARE(errors->best, QStringLiteral("1"));
    }

    void bootstrapIntervalsHoldThePointEstimateAndNarrowWithMoreData() {
        double previousWidth = 2;
        for (int n : {100, 1000, 10000}) {
            const Outcomes outcomes = synthetic(n, 0.9);
            const GroupMetrics slice =
                sliceGroup(outcomes, all(outcomes), QStringLiteral("all"), {300, 7});
            const Estimate &accuracy = slice[Metric::Accuracy];
            QVERIFY(qFuzzyCompare(*accuracy.value, 0.9));
            QVERIFY2(*accuracy.low <= *accuracy.value && *accuracy.value <= *accuracy.high,
                     qPrintable(QStringLiteral("%1 [%2, %3]")
                                    .arg(*accuracy.value)
                                    .arg(*accuracy.low)
                                    .arg(*accuracy.high)));
            const double width = *accuracy.high - *accuracy.low;
            QVERIFY2(width < previousWidth,
                     qPrintable(QStringLiteral("n=%1 width %2").arg(n).arg(width)));
            previousWidth = width;
        }
    }

    void styleFeaturesRankThickOverThinAndShearedOverUpright() {
        const auto thin = measureStyle(stroke({14, 4}, {14, 24}, 1.5).data());
        const auto thick = measureStyle(stroke({14, 4}, {14, 24}, 5).data());
        QVERIFY2(thick[StyleFeature::Thickness] > thin[StyleFeature::Thickness] + 1,
                 qPrintable(QStringLiteral("%1 vs %2")
                                .arg(thick[StyleFeature::Thickness])
                                .arg(thin[StyleFeature::Thickness])));
        QVERIFY(thick[StyleFeature::Ink] > thin[StyleFeature::Ink]);
        const auto upright = measureStyle(stroke({14, 4}, {14, 24}, 3).data());
        const auto leaning = measureStyle(stroke({19, 4}, {9, 24}, 3).data()); // top to the right
        QVERIFY(std::abs(upright[StyleFeature::Slant]) < 3);
        QVERIFY2(leaning[StyleFeature::Slant] > 15,
                 qPrintable(QString::number(leaning[StyleFeature::Slant])));
        QVERIFY(leaning[StyleFeature::Width] > upright[StyleFeature::Width]);
    }

    void styleSlicesAreQuantileBinsThatCoverEverySample() {
        std::vector<StyleFeatures> styles(103);
        for (std::size_t i = 0; i < styles.size(); ++i)
            for (double &v : styles[i].values)
                v = double((i * 37) % 103);
        const std::vector<StyleSlice> slices = styleSlices(styles, 4);
        QCOMPARE(slices.size(), std::size_t(4 * kStyleFeatureCount));
        std::vector<int> seen(styles.size(), 0);
        for (const StyleSlice &slice : slices) {
            if (slice.feature != StyleFeature::Thickness)
                continue;
            QVERIFY(slice.members.size() == 25 || slice.members.size() == 26);
            for (int member : slice.members) {
                ++seen[std::size_t(member)];
                QVERIFY(styles[std::size_t(member)][StyleFeature::Thickness] >= slice.low);
                QVERIFY(styles[std::size_t(member)][StyleFeature::Thickness] <= slice.high);
            }
        }
        QVERIFY(std::all_of(seen.begin(), seen.end(), [](int count) { return count == 1; }));
    }

    // Most MNIST digits are 20 px tall: three quartiles that all read "20 to 20 px" would be
    // one slice told three times. Tied values stay in one slice, named for the bins it covers.
    void tiedValuesStayInOneSlice() {
        std::vector<StyleFeatures> styles(100);
        for (std::size_t i = 0; i < styles.size(); ++i)
            styles[i].values[std::size_t(StyleFeature::Height)] =
                i < 20 ? double(10 + i % 10) : 20.0;
        std::vector<StyleSlice> heights;
        for (const StyleSlice &slice : styleSlices(styles, 4))
            if (slice.feature == StyleFeature::Height)
                heights.push_back(slice);
        QCOMPARE(heights.size(), std::size_t(2));
        QCOMPARE(heights[0].members.size(), std::size_t(20));
        QCOMPARE(heights[1].members.size(), std::size_t(80));
        QCOMPARE(heights[0].name(), QStringLiteral("height Q1 (10 to 19 px)"));
        QCOMPARE(heights[1].name(), QStringLiteral("height Q1-Q4 (20 px)"));
    }

    void styleBalancingWeighsRareStylesMore() {
        // Thickness and slant on a 20x20 grid, with the thick-and-slanted corner nearly empty:
        // the joint cell of the top quartiles is rare although each quartile on its own is not.
        std::vector<StyleFeatures> styles;
        int cornerIndex = -1, commonIndex = -1;
        for (int t = 0; t < 20; ++t)
            for (int slant = 0; slant < 20; ++slant) {
                const bool corner = t >= 15 && slant >= 15;
                if (corner && !(t == 19 && slant == 19))
                    continue;
                StyleFeatures features;
                features.values[std::size_t(StyleFeature::Thickness)] = 1.0 + t * 0.1;
                features.values[std::size_t(StyleFeature::Slant)] = slant * 2.0;
                if (corner)
                    cornerIndex = int(styles.size());
                if (t == 0 && slant == 0)
                    commonIndex = int(styles.size());
                styles.push_back(features);
            }
        const std::vector<double> weights = styleBalancingWeights(styles);
        QCOMPARE(weights.size(), styles.size());
        QVERIFY2(weights[std::size_t(cornerIndex)] > 1.5 * weights[std::size_t(commonIndex)],
                 qPrintable(QStringLiteral("%1 vs %2")
                                .arg(weights[std::size_t(cornerIndex)])
                                .arg(weights[std::size_t(commonIndex)])));
        double sum = 0;
        for (double weight : weights)
            sum += weight;
        QVERIFY(std::abs(sum / double(weights.size()) - 1.0) < 1e-9); // mean 1
    }

    void reliabilityBinsAndCalibrationError() {
        const std::vector<ReliabilityBin> bins = reliabilityBins(handCase());
        QCOMPARE(bins.size(), std::size_t(10));
        QCOMPARE(bins[5].count, 1); // 0.55, wrong
        QCOMPARE(bins[5].accuracy, 0.0);
        QCOMPARE(bins[9].count, 2); // 0.9 and 0.95, both right
        QVERIFY(std::abs(bins[9].meanConfidence - (0.9 + 0.95) / 2) < 1e-6);
        // |1-0.925|*2 + |1-0.8| + |1-0.7| + |0-0.6| + |0-0.55|, over 6
        QVERIFY(std::abs(*expectedCalibrationError(bins) - (0.15 + 0.2 + 0.3 + 0.6 + 0.55) / 6) <
                1e-6);
        QVERIFY(!expectedCalibrationError(reliabilityBins({})));
    }

    void modelAnalysisCellsAndReportFiles() {
        const Classifier model = loadModel(QStringLiteral(DIGITPAD_DEFAULT_MODEL_PATH));
        Dataset data = loadMnistTest();
        data = data.subset(stratifiedSplit(data.labels, 0.05, 3).validation); // 500 digits
        int progressCalls = 0;
        AnalysisOptions options;
        options.bootstrap.rounds = 30;
        options.progress = [&](int done, int total) {
            ++progressCalls;
            QVERIFY(done <= total);
        };
        const Analysis analysis = analyse(model, data, options);
        QVERIFY(progressCalls >= 1);
        QCOMPARE(int(analysis.outcomes.size()), data.size());
        QVERIFY(analysis.accuracy > 0.95);
        // The default model was trained on the MNIST training set: its split is rebuilt.
        const TrainingData splits = splitsOf(model.metadata());
        const auto trainingCounts = splits.train.classCounts();
        QCOMPARE(std::accumulate(trainingCounts.begin(), trainingCounts.end(), 0),
                 model.metadata().trainSamples);
        QCOMPARE(splits.validation.size(), model.metadata().validationSamples);
        for (int row = 0; row < 10; ++row)
            for (int column = 0; column < 10; ++column) {
                const std::vector<int> members = analysis.cellMembers(row, column);
                QCOMPARE(int(members.size()), analysis.confusion.count(row, column));
                for (std::size_t i = 0; i < members.size(); ++i) {
                    QCOMPARE(analysis.outcomes[std::size_t(members[i])].label, row);
                    QCOMPARE(analysis.outcomes[std::size_t(members[i])].predicted, column);
                    if (i > 0)
                        QVERIFY(analysis.outcomes[std::size_t(members[i])].confidence <=
                                analysis.outcomes[std::size_t(members[i - 1])].confidence);
                }
            }

        QTemporaryDir folder;
        const QStringList files = writeAnalysisReport(analysis, folder.path(), 0.05);
        QCOMPARE(files.size(), 11);
        QFile json(folder.filePath(QStringLiteral("analysis.json")));
        QVERIFY(json.open(QIODevice::ReadOnly));
        QJsonParseError error;
        const QJsonObject report = QJsonDocument::fromJson(json.readAll(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(report.value(QStringLiteral("samples")).toInt(), data.size());
        QCOMPARE(report.value(QStringLiteral("per_digit")).toArray().size(), 10);
        QVERIFY(!report.value(QStringLiteral("fairness")).toArray().isEmpty());
        QFile csv(folder.filePath(QStringLiteral("per_digit.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 11);
        QCOMPARE(lines[0].split(',').size(), lines[1].split(',').size());
        for (const QString &name :
             {QStringLiteral("confusion_matrix.png"), QStringLiteral("per_digit_recall.png"),
              QStringLiteral("style_accuracy.png"), QStringLiteral("reliability.png"),
              QStringLiteral("class_counts.png")})
            QVERIFY2(!QImage(folder.filePath(name)).isNull(), qPrintable(name));
        QVERIFY(analysis.writerGroups.empty()); // a part of the test set: writers unknown
    }

    void theOfficialTestSetIsComparedByWriterPopulation() {
        const Classifier model = loadModel(QStringLiteral(DIGITPAD_DEFAULT_MODEL_PATH));
        AnalysisOptions options;
        options.bootstrap.rounds = 0;
        const Analysis analysis = analyse(model, loadMnistTest(), options);
        QCOMPARE(int(analysis.writerGroups.size()), 2);
        int correct = 0;
        for (const GroupMetrics &writers : analysis.writerGroups) {
            QCOMPARE(writers.support, 5000);
            correct += int(std::lround(*writers[Metric::Accuracy].value * writers.support));
        }
        // The two halves together are the whole test set.
        QCOMPARE(correct, int(std::lround(analysis.accuracy * 10000)));
        const auto comparisons = analysis.fairness(0.05);
        const bool writersCompared =
            std::any_of(comparisons.begin(), comparisons.end(), [](const FairnessComparison &c) {
                return c.family == QStringLiteral("writers") && c.metric == Metric::Accuracy;
            });
        QVERIFY(writersCompared);
        qInfo("test accuracy %.2f%%: %s %.2f%%, %s %.2f%%", analysis.accuracy * 100,
              qPrintable(analysis.writerGroups[0].name),
              *analysis.writerGroups[0][Metric::Accuracy].value * 100,
              qPrintable(analysis.writerGroups[1].name),
              *analysis.writerGroups[1][Metric::Accuracy].value * 100);
    }
};

QTEST_MAIN(AnalysisTest)
#include "test_analysis.moc"
