#include "dataset.h"
#include "error.h"
#include "gzip.h"
#include "idx_file.h"
#include "mnist.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace digitpad;

class IdxFileTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    QString path(const QString &name) const { return m_dir.filePath(name); }
    static IdxImages sampleImages() {
        IdxImages images;
        images.count = 3;
        images.rows = 28;
        images.columns = 28;
        for (int i = 0; i < 3 * 784; ++i)
            images.pixels.push_back(std::uint8_t(i * 7));
        return images;
    }
    void writeRaw(const QString &name, const QByteArray &bytes) {
        QFile file(path(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }
    // The error message, or "" when nothing was thrown.
    template <typename Read> static QString errorOf(Read read) {
        try {
            read();
        } catch (const Error &error) {
            return error.message();
        }
        return QString();
    }

  private Q_SLOTS:
    void imagesRoundTripRawAndGzip_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("raw") << "images-idx3-ubyte";
        QTest::newRow("gzip") << "images-idx3-ubyte.gz";
    }
    void imagesRoundTripRawAndGzip() {
        QFETCH(QString, name);
        const IdxImages written = sampleImages();
        writeIdxImages(path(name), written);
        const IdxImages read = readIdxImages(path(name));
        QCOMPARE(read.count, 3);
        QCOMPARE(read.rows, 28);
        QCOMPARE(read.columns, 28);
        QVERIFY(read.pixels == written.pixels);
        QFile file(path(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(isGzip(file.read(2)), name.endsWith(".gz"));
    }

    void labelsRoundTrip() {
        IdxLabels labels;
        labels.labels = {0, 1, 2, 9, 5};
        writeIdxLabels(path("labels-idx1-ubyte.gz"), labels);
        QVERIFY(readIdxLabels(path("labels-idx1-ubyte.gz")).labels == labels.labels);
    }

    void corruptImageFilesAreRejectedWithFileNameAndReason_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        const QByteArray good = serializeIdxImages(sampleImages());
        QByteArray wrongMagic = good;
        wrongMagic[3] = char(0x01); // 2049: a label file's magic
        QTest::newRow("wrong magic") << wrongMagic << "expected magic 2051";
        QTest::newRow("truncated data") << good.left(good.size() - 100) << "truncated";
        QTest::newRow("truncated header") << good.left(10) << "shorter than the 16-byte IDX header";
        QTest::newRow("trailing bytes") << good + QByteArray(5, 'x') << "5 unexpected bytes";
        QByteArray absurd = good;
        absurd[8] = char(0x7f); // rows = 0x7f00001c
        QTest::newRow("absurd rows") << absurd << "absurd image size";
        QByteArray hugeCount = good;
        hugeCount[4] = char(0x7f); // count ~ 2 billion of 28x28
        QTest::newRow("absurd count") << hugeCount << "absurd header";
        QByteArray zero = good;
        zero[4] = zero[5] = zero[6] = zero[7] = 0;
        QTest::newRow("no images") << zero << "holds no images";
        QTest::newRow("empty file") << QByteArray() << "shorter than";
        QTest::newRow("corrupt gzip") << gzip(good).left(200) << "truncated";
        // A bomb: a sound header, then far more data than it declares. Inflating stops at the
        // first byte past the declared data, so it costs the declared size, not 200 MB.
        QTest::newRow("gzip bomb")
            << gzip(good + QByteArray(200 << 20, '\0')) << "more data than the header declares";
        QTest::newRow("bytes after the gzip stream")
            << gzip(good) + QByteArray("junk") << "4 unexpected bytes after the gzip stream";
        QByteArray claimsTooMuch = good.left(16);
        claimsTooMuch[5] = char(0x10); // a million images in a file of a few hundred bytes
        QTest::newRow("header claims more than the gzip can hold")
            << gzip(claimsTooMuch) << "more than a";
        QByteArray badGzip = gzip(good);
        badGzip[badGzip.size() - 6] = char(badGzip[badGzip.size() - 6] ^ 0xff); // its CRC-32
        QTest::newRow("garbled gzip") << badGzip << "gzip stream is corrupt";
    }
    void corruptImageFilesAreRejectedWithFileNameAndReason() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        writeRaw("bad-images-idx3-ubyte", bytes);
        const QString message = errorOf([&] { readIdxImages(path("bad-images-idx3-ubyte")); });
        QVERIFY2(message.contains("bad-images-idx3-ubyte"), qPrintable(message));
        QVERIFY2(message.contains(reason), qPrintable(message));
    }

    void labelAboveNineIsRejectedWithItsIndex() {
        IdxLabels labels;
        labels.labels = {1, 2, 3};
        QByteArray bytes = serializeIdxLabels(labels);
        bytes[8 + 2] = char(12);
        writeRaw("bad-labels", bytes);
        const QString message = errorOf([&] { readIdxLabels(path("bad-labels")); });
        QVERIFY2(message.contains("label 12 at index 2"), qPrintable(message));
    }

    void missingFileIsNamed() {
        const QString message = errorOf([&] { readIdxImages(path("nope.idx3")); });
        QVERIFY2(message.contains("nope.idx3") && message.contains("no such file"),
                 qPrintable(message));
    }

    void mismatchedCountsBetweenImagesAndLabelsAreRejected() {
        writeIdxImages(path("pair-images-idx3-ubyte"), sampleImages());
        IdxLabels labels;
        labels.labels = {1, 2};
        writeIdxLabels(path("pair-labels-idx1-ubyte"), labels);
        const QString message = errorOf([&] {
            loadDatasetPair(path("pair-images-idx3-ubyte"), path("pair-labels-idx1-ubyte"));
        });
        QVERIFY2(message.contains("3 images") && message.contains("2 labels"), qPrintable(message));
    }

    void imagesThatAreNot28x28AreRefusedForTraining() {
        IdxImages images;
        images.count = 1;
        images.rows = 16;
        images.columns = 16;
        images.pixels.assign(256, 0);
        writeIdxImages(path("small-images-idx3-ubyte"), images);
        IdxLabels labels;
        labels.labels = {4};
        writeIdxLabels(path("small-labels-idx1-ubyte"), labels);
        const QString message = errorOf([&] {
            loadDatasetPair(path("small-images-idx3-ubyte"), path("small-labels-idx1-ubyte"));
        });
        QVERIFY2(message.contains("16x16"), qPrintable(message));
    }

    void folderWithStandardMnistNamesLoadsTrainAndTest() {
        QTemporaryDir folder;
        writeIdxImages(folder.filePath("train-images-idx3-ubyte.gz"), sampleImages());
        writeIdxImages(folder.filePath("t10k-images-idx3-ubyte"), sampleImages());
        IdxLabels labels;
        labels.labels = {3, 1, 4};
        writeIdxLabels(folder.filePath("train-labels-idx1-ubyte.gz"), labels);
        writeIdxLabels(folder.filePath("t10k-labels-idx1-ubyte"), labels);
        const FolderDatasets loaded = loadDatasetFolder(folder.path());
        QCOMPARE(loaded.train.size(), 3);
        QVERIFY(loaded.test.has_value());
        QCOMPARE(loaded.test->labels, labels.labels);
    }

    void shippedMnistFilesAreTheOfficialSets() {
        const Dataset training = loadMnistTraining();
        const Dataset test = loadMnistTest();
        QCOMPARE(training.size(), 60000);
        QCOMPARE(test.size(), 10000);
        QCOMPARE(training.fingerprint(), mnistTrainingFingerprint());
        QCOMPARE(test.fingerprint(), mnistTestFingerprint());
        // Known class counts of the official files (e.g. 6,742 ones, 1,135 test ones).
        QCOMPARE(training.classCounts()[1], 6742);
        QCOMPARE(test.classCounts()[1], 1135);
    }

    void theTestSetSplitsIntoItsTwoWriterPopulations() {
        const Dataset test = loadMnistTest();
        const std::vector<WriterGroup> groups = writerGroupsOf(test);
        QCOMPARE(int(groups.size()), 2);
        QCOMPARE(int(groups[0].members.size()), 5000);
        QCOMPARE(int(groups[1].members.size()), 5000);
        QCOMPARE(groups[0].members.front(), 0);
        QCOMPARE(groups[1].members.front(), 5000);
        QVERIFY(groups[0].name.contains(QStringLiteral("SD-3")));
        QVERIFY(groups[1].name.contains(QStringLiteral("SD-1")));
        // Any other data set, even a part of the test set, has no known writers.
        QVERIFY(writerGroupsOf(test.subset({0, 1, 2})).empty());
        QVERIFY(writerGroupsOf(loadMnistTraining()).empty());
    }

    void missingMnistFolderIsNamedInTheError() {
        qputenv("DIGITPAD_MNIST_DIR", "/nonexistent/mnist");
        try {
            loadMnistTest();
            QFAIL("expected an error");
        } catch (const Error &error) {
            QVERIFY2(error.message().contains(QStringLiteral("/nonexistent/mnist")),
                     qPrintable(error.message()));
        }
        qunsetenv("DIGITPAD_MNIST_DIR");
    }
};

QTEST_GUILESS_MAIN(IdxFileTest)
#include "test_idx_file.moc"
