#include "checkpoint.h"
#include "error.h"
#include "feature_space.h"
#include "mnist.h"
#include "network_inspection.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

using namespace digitpad;

namespace {

// The 28x28 input the model sees for a digit of a data set.
ModelInput inputOf(const Dataset &data, int index) {
    ModelInput input{};
    const std::uint8_t *pixels = data.image(index);
    for (std::size_t i = 0; i < input.size(); ++i)
        input[i] = float(pixels[i]) / 255.0f;
    return input;
}

Dataset range(const Dataset &data, int first, int count) {
    std::vector<int> indices(std::size_t(count), 0);
    std::iota(indices.begin(), indices.end(), first);
    return data.subset(indices);
}

struct Shape {
    const char *name;
    int channels, height, width;
};

void checkShapes(const std::vector<LayerActivation> &layers, const std::vector<Shape> &expected) {
    QCOMPARE(layers.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const LayerActivation &layer = layers[i];
        QCOMPARE(layer.name, QString::fromLatin1(expected[i].name));
        QCOMPARE(layer.channels, expected[i].channels);
        QCOMPARE(layer.height, expected[i].height);
        QCOMPARE(layer.width, expected[i].width);
        QCOMPARE(layer.values.size(),
                 std::size_t(layer.channels) * std::size_t(layer.height * layer.width));
        // Every channel once, strongest mean first.
        QCOMPARE(layer.strongest.size(), std::size_t(layer.channels));
        std::vector<int> channels = layer.strongest;
        std::sort(channels.begin(), channels.end());
        for (int c = 0; c < layer.channels; ++c)
            QCOMPARE(channels[std::size_t(c)], c);
        const auto mean = [&layer](int channel) {
            double sum = 0;
            for (int y = 0; y < layer.height; ++y)
                for (int x = 0; x < layer.width; ++x)
                    sum += layer.at(channel, y, x);
            return sum / (layer.height * layer.width);
        };
        for (std::size_t k = 1; k < layer.strongest.size(); ++k)
            QVERIFY(mean(layer.strongest[k - 1]) >= mean(layer.strongest[k]) - 1e-6);
    }
}

// The k points of the map nearest to `point` in the plane.
std::vector<int> nearestOnMap(const FeatureMap &map, QPointF point, int k) {
    std::vector<int> order(map.points.size());
    std::iota(order.begin(), order.end(), 0);
    const auto squared = [&](int i) {
        const QPointF d = map.points[std::size_t(i)] - point;
        return QPointF::dotProduct(d, d);
    };
    std::partial_sort(order.begin(), order.begin() + k, order.end(),
                      [&](int a, int b) { return squared(a) < squared(b); });
    order.resize(std::size_t(k));
    return order;
}

FeatureTable handTable() {
    FeatureTable table;
    table.count = 3;
    table.dimensions = 2;
    table.values = {0, 0, 3, 4, 1, 2};
    table.labels = {7, 1, 4};
    table.predicted = {7, 1, 9};
    return table;
}

// A .npy file's parts: its header dict and its data.
struct Npy {
    QByteArray dictionary;
    QByteArray data;
};
Npy readNpy(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = file.readAll();
    if (bytes.size() < 10 || !bytes.startsWith(QByteArray("\x93NUMPY\x01\x00", 8)))
        return {};
    const qsizetype length = qFromLittleEndian<quint16>(bytes.constData() + 8);
    return {bytes.mid(10, length), bytes.mid(10 + length)};
}

void overwrite(const QString &path, const QByteArray &bytes) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(bytes), bytes.size());
}

} // namespace

class InspectionTest : public QObject {
    Q_OBJECT
    Classifier m_model;
    Dataset m_test;
    Dataset m_tableDigits; // test digits 1 to 2,000 (Census Bureau writers)
    FeatureTable m_table;
    std::vector<int> m_queries; // 20 test digits from 5,001 on (high-school students)

  private Q_SLOTS:
    void initTestCase() {
        m_model = loadModel(QStringLiteral(DIGITPAD_DEFAULT_MODEL_PATH));
        QCOMPARE(m_model.metadata().architecture, QStringLiteral("cnn"));
        m_test = loadMnistTest();
        m_tableDigits = range(m_test, 0, 2000);
        m_table = computeFeatures(m_model, m_tableDigits);
        for (int i = 0; i < 20; ++i)
            m_queries.push_back(5000 + 37 * i);
    }

    void cnnFeatureMapsHaveTheShapesOfTheNetworksLayers() {
        const ModelInput input = inputOf(m_test, m_queries.front());
        const std::vector<LayerActivation> layers = layerActivations(m_model, input);
        const int outputs = m_model.metadata().notDigitClass ? 11 : 10;
        checkShapes(layers, {{"input", 1, 28, 28},
                             {"conv block 1", 32, 14, 14},
                             {"conv block 2", 64, 7, 7},
                             {"conv block 3", 128, 3, 3},
                             {"dense 128", 128, 1, 1},
                             {"logits", outputs, 1, 1}});
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(layers.front().values, std::vector<float>(input.begin(), input.end()));
        // The dense layer is the features the look-alikes use, and the logits read the digit.
        const std::vector<float> features = featuresOf(m_model, input);
        QCOMPARE(features.size(), layers[4].values.size());
        for (std::size_t i = 0; i < features.size(); ++i)
            QVERIFY(std::abs(features[i] - layers[4].values[i]) < 1e-4f);
        const auto &logits = layers.back().values;
        const auto best = std::max_element(logits.begin(), logits.begin() + kClassCount);
        QCOMPARE(int(best - logits.begin()), m_model.predict(input).digit);
        // Pooling after a ReLU: no activation of a block is negative.
        for (std::size_t i = 1; i <= 3; ++i)
            QVERIFY(*std::min_element(layers[i].values.begin(), layers[i].values.end()) >= 0);
    }

    void mlpFeatureMapsHaveTheShapesOfTheNetworksLayers() {
        const ModelInput input = inputOf(m_test, 0);
        checkShapes(layerActivations(Classifier::create(QStringLiteral("mlp")), input),
                    {{"input", 1, 28, 28}, {"dense 128", 128, 1, 1}, {"logits", 10, 1, 1}});
        // With "not a digit" the logits keep their 11th channel.
        checkShapes(layerActivations(Classifier::create(QStringLiteral("mlp"), true), input),
                    {{"input", 1, 28, 28}, {"dense 128", 128, 1, 1}, {"logits", 11, 1, 1}});
    }

    void quickNetworksStridedBlocksAreSeenWhereTheyEnd() {
        const ModelInput input = inputOf(m_test, 0);
        const Classifier quick = Classifier::create(QStringLiteral("quick"), true);
        // No pooling: each block ends at its ReLU (5x5 stride 2, 3x3 stride 2, 3x3), no dense.
        checkShapes(layerActivations(quick, input), {{"input", 1, 28, 28},
                                                     {"conv block 1", 32, 12, 12},
                                                     {"conv block 2", 64, 5, 5},
                                                     {"conv block 3", 128, 3, 3},
                                                     {"logits", 11, 1, 1}});
        const FilterBank filters = firstLayerFilters(quick);
        QCOMPARE(filters.count, 32);
        QCOMPARE(filters.height, 5);
        QCOMPARE(featuresOf(quick, input).size(), std::size_t(128 * 3 * 3));
    }

    void firstLayerFiltersAreTheLearnedWeightsAsPictures() {
        const FilterBank cnn = firstLayerFilters(m_model);
        QCOMPARE(cnn.layer, QStringLiteral("conv block 1"));
        QCOMPARE(cnn.count, 32);
        QCOMPARE(cnn.height, 3);
        QCOMPARE(cnn.width, 3);
        QCOMPARE(cnn.values.size(), std::size_t(32 * 3 * 3));
        QVERIFY(std::any_of(cnn.values.begin(), cnn.values.end(), [](float v) { return v != 0; }));
        const FilterBank mlp = firstLayerFilters(Classifier::create(QStringLiteral("mlp")));
        QCOMPARE(mlp.layer, QStringLiteral("dense 128"));
        QCOMPARE(mlp.count, 128);
        QCOMPARE(mlp.height, 28);
        QCOMPARE(mlp.width, 28);
        QCOMPARE(mlp.values.size(), std::size_t(128 * 28 * 28));
    }

    void computedFeaturesHaveOneRowAndOneReadingPerDigit() {
        QCOMPARE(m_table.count, 2000);
        QCOMPARE(m_table.dimensions, 128);
        QCOMPARE(m_table.values.size(), std::size_t(2000 * 128));
        QCOMPARE(m_table.labels, m_tableDigits.labels);
        QCOMPARE(m_table.predicted.size(), std::size_t(2000));
        int agree = 0;
        for (int i = 0; i < m_table.count; ++i)
            agree += m_table.predicted[std::size_t(i)] == m_table.labels[std::size_t(i)];
        QVERIFY2(agree >= 1960, qPrintable(QString::number(agree))); // a 98%+ model
        // A row is the features of its digit alone (chunking does not mix digits).
        const std::vector<float> features = featuresOf(m_model, inputOf(m_tableDigits, 1500));
        for (int d = 0; d < m_table.dimensions; ++d)
            QVERIFY(std::abs(m_table.row(1500)[d] - features[std::size_t(d)]) < 1e-4f);
        QCOMPARE(int(m_table.predicted[1500]), m_model.predict(inputOf(m_tableDigits, 1500)).digit);
    }

    void lookAlikesOfATestDigitIncludeDigitsOfItsOwnLabel() {
        int found = 0;
        for (const int query : m_queries) {
            const std::vector<LookAlike> lookAlikes =
                nearestDigits(m_table, featuresOf(m_model, inputOf(m_test, query)), 5);
            QCOMPARE(lookAlikes.size(), std::size_t(5));
            for (std::size_t i = 1; i < lookAlikes.size(); ++i)
                QVERIFY(lookAlikes[i - 1].distance <= lookAlikes[i].distance);
            const int label = m_test.labels[std::size_t(query)];
            found += std::any_of(lookAlikes.begin(), lookAlikes.end(),
                                 [label](const LookAlike &a) { return a.label == label; });
        }
        QVERIFY2(found >= 19, qPrintable(QStringLiteral("%1 of 20").arg(found)));
    }

    void mapHasOnePointPerSampleAndTheDrawnDigitLiesAmongItsPredictedClass() {
        const FeatureMap map = principalMap(m_table);
        QCOMPARE(map.points.size(), std::size_t(m_table.count));
        QVERIFY(map.explainedVariance > 0 && map.explainedVariance <= 1);
        for (int i = 0; i < m_table.count; ++i) {
            const std::vector<float> row(m_table.row(i), m_table.row(i) + m_table.dimensions);
            const QPointF projected = map.project(row);
            QVERIFY(std::abs(projected.x() - map.points[std::size_t(i)].x()) < 1e-4);
            QVERIFY(std::abs(projected.y() - map.points[std::size_t(i)].y()) < 1e-4);
        }
        // Two axes cannot separate ten digits everywhere: where two digits' clouds overlap on
        // the map, a digit's neighbours are mixed. The default model places 88% of 500 such
        // test digits among their own; chance would place almost none.
        int among = 0;
        constexpr int kDrawn = 200;
        for (int i = 0; i < kDrawn; ++i) {
            const ModelInput input = inputOf(m_test, 5000 + 25 * i);
            const int digit = m_model.predict(input).digit;
            const QPointF point = map.project(featuresOf(m_model, input));
            int same = 0;
            for (const int neighbour : nearestOnMap(map, point, 15))
                same += m_table.predicted[std::size_t(neighbour)] == digit;
            among += same > 15 / 2;
        }
        QVERIFY2(among >= kDrawn * 3 / 4,
                 qPrintable(QStringLiteral("%1 of %2").arg(among).arg(kDrawn)));
    }

    void theMapDoesNotFlipBetweenRuns() {
        const FeatureMap first = principalMap(m_table);
        const FeatureMap second = principalMap(m_table);
        QCOMPARE(first.axes, second.axes);
        QCOMPARE(first.mean, second.mean);
        // Each axis has unit length and points its largest component the positive way.
        for (int axis = 0; axis < 2; ++axis) {
            const auto begin = first.axes.begin() + std::ptrdiff_t(axis) * m_table.dimensions;
            const auto end = begin + m_table.dimensions;
            const double length = std::sqrt(std::inner_product(begin, end, begin, 0.0));
            QVERIFY(std::abs(length - 1) < 1e-4);
            const auto largest = std::max_element(
                begin, end, [](float a, float b) { return std::abs(a) < std::abs(b); });
            QVERIFY(*largest > 0);
        }
    }

    void nearestDigitsMatchAHandComputedTable() {
        // Rows (0,0) label 7, (3,4) label 1, (1,2) label 4; from (1,1): sqrt 2, sqrt 13, 1.
        const FeatureTable table = handTable();
        const std::vector<LookAlike> two = nearestDigits(table, {1, 1}, 2);
        QCOMPARE(two.size(), std::size_t(2));
        QCOMPARE(two[0].index, 2);
        QCOMPARE(two[0].label, 4);
        QCOMPARE(two[0].distance, 1.0f);
        QCOMPARE(two[1].index, 0);
        QCOMPARE(two[1].label, 7);
        QVERIFY(std::abs(two[1].distance - std::sqrt(2.0f)) < 1e-6f);
        // More than there are: all of them.
        const std::vector<LookAlike> all = nearestDigits(table, {1, 1}, 10);
        QCOMPARE(all.size(), std::size_t(3));
        QCOMPARE(all[2].index, 1);
        QVERIFY(std::abs(all[2].distance - std::sqrt(13.0f)) < 1e-6f);
        QVERIFY(nearestDigits(table, {1, 1}, 0).empty());
        QVERIFY_THROWS_EXCEPTION(Error, nearestDigits(table, {1, 1, 1}, 2));
    }

    void exportedFeaturesAreNumpyFilesOfTheirShape() {
        QTemporaryDir dir;
        const FeatureTable table = handTable();
        const QStringList paths = exportFeatures(table, dir.filePath(QStringLiteral("hand")));
        QCOMPARE(paths, QStringList({dir.filePath(QStringLiteral("hand-features.npy")),
                                     dir.filePath(QStringLiteral("hand-labels.npy"))}));

        // Padded so that the data starts at 128: the 10-byte prefix, the dict and its '\n'.
        const Npy features = readNpy(paths[0]);
        QCOMPARE(features.dictionary,
                 QByteArray("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }")
                         .leftJustified(128 - 10 - 1, ' ') +
                     '\n');
        const auto dataBytes = qint64(table.values.size()) * qint64(sizeof(float)); // 3 x 2 floats
        QCOMPARE(QFileInfo(paths[0]).size(), 10 + features.dictionary.size() + dataBytes);
        std::vector<float> values(6);
        qFromLittleEndian<float>(features.data.constData(), 6, values.data());
        QCOMPARE(values, table.values);

        const Npy labels = readNpy(paths[1]);
        QVERIFY(labels.dictionary.startsWith("{'descr': '|u1', 'fortran_order': False, "
                                             "'shape': (3,), }"));
        QCOMPARE((10 + labels.dictionary.size()) % 64, 0);
        QCOMPARE(labels.data, QByteArray("\x07\x01\x04", 3));
    }

    void aStoppedComputationThrows() {
        std::vector<int> reported;
        const auto stopHalfway = [&reported](int done, int total) {
            reported.push_back(done);
            return done < total / 2;
        };
        try {
            computeFeatures(m_model, range(m_test, 0, 3000), stopHalfway);
            QFAIL("a stopped computation returned a table");
        } catch (const Error &error) {
            QCOMPARE(error.message(), QStringLiteral("stopped"));
        }
        // Reported as it went, and stopped at the first report past half, not at the end.
        QVERIFY(reported.size() > 1);
        QVERIFY(std::is_sorted(reported.begin(), reported.end()));
        QVERIFY(reported.back() >= 1500 && reported.back() < 3000);
    }

    void cachedFeaturesAreComputedOnceAndReadBack() {
        QTemporaryDir cache;
        const Dataset digits = range(m_test, 0, 300);
        int calls = 0;
        const auto counting = [&calls](int, int) { return ++calls > 0; };
        const QString modelPath = QStringLiteral(DIGITPAD_DEFAULT_MODEL_PATH);
        const FeatureTable first =
            cachedFeatures(m_model, modelPath, digits, cache.path(), counting);
        QVERIFY(calls > 0);
        const int computing = calls;
        QCOMPARE(QDir(cache.path()).entryList(QDir::Files).size(), 1);
        const FeatureTable second =
            cachedFeatures(m_model, modelPath, digits, cache.path(), counting);
        QCOMPARE(calls, computing); // read, not computed
        QCOMPARE(second.values, first.values);
        QCOMPARE(second.labels, first.labels);
        QCOMPARE(second.predicted, first.predicted);
        QCOMPARE(second.dimensions, first.dimensions);
        // Other digits have a cache of their own.
        cachedFeatures(m_model, modelPath, range(m_test, 300, 10), cache.path(), counting);
        QVERIFY(calls > computing);
        QCOMPARE(QDir(cache.path()).entryList(QDir::Files).size(), 2);
    }

    void aDamagedCacheIsComputedAgain_data() {
        QTest::addColumn<QString>("damage");
        QTest::newRow("empty") << "empty";
        QTest::newRow("truncated") << "truncated";
        QTest::newRow("one value changed") << "value";
        QTest::newRow("huge count in the header") << "count";
        QTest::newRow("foreign file") << "foreign";
        QTest::newRow("one byte longer") << "longer";
    }

    void aDamagedCacheIsComputedAgain() {
        QFETCH(QString, damage);
        QTemporaryDir cache;
        const Dataset digits = range(m_test, 0, 300);
        const QString modelPath = QStringLiteral(DIGITPAD_DEFAULT_MODEL_PATH);
        const FeatureTable computed = cachedFeatures(m_model, modelPath, digits, cache.path());
        const QString file =
            QDir(cache.path()).absoluteFilePath(QDir(cache.path()).entryList(QDir::Files).first());
        QFile original(file);
        QVERIFY(original.open(QIODevice::ReadOnly));
        QByteArray bytes = original.readAll();
        original.close();
        if (damage == QLatin1String("empty"))
            bytes.clear();
        else if (damage == QLatin1String("truncated"))
            bytes.chop(bytes.size() / 3);
        else if (damage == QLatin1String("value"))
            bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 0x40);
        else if (damage == QLatin1String("count"))
            qToLittleEndian<quint32>(0xfffffff0u, bytes.data() + 12);
        else if (damage == QLatin1String("foreign"))
            bytes = QByteArray(bytes.size(), 'x');
        else
            bytes.append('\0');
        overwrite(file, bytes);

        int calls = 0;
        const FeatureTable again = cachedFeatures(m_model, modelPath, digits, cache.path(),
                                                  [&calls](int, int) { return ++calls > 0; });
        QVERIFY(calls > 0); // computed, not read
        QCOMPARE(again.values, computed.values);
        QCOMPARE(again.predicted, computed.predicted);
        // ... and the cache is whole again.
        calls = 0;
        cachedFeatures(m_model, modelPath, digits, cache.path(),
                       [&calls](int, int) { return ++calls > 0; });
        QCOMPARE(calls, 0);
    }

    void withoutAModelFileNothingIsCached() {
        QTemporaryDir cache;
        const Dataset digits = range(m_test, 0, 50);
        const FeatureTable table = cachedFeatures(m_model, QString(), digits, cache.path());
        QCOMPARE(table.count, 50);
        cachedFeatures(m_model, cache.filePath(QStringLiteral("missing.dpmodel")), digits,
                       cache.path());
        QVERIFY(QDir(cache.path()).entryList(QDir::Files).isEmpty());
    }
};

QTEST_GUILESS_MAIN(InspectionTest)
#include "test_inspection.moc"
