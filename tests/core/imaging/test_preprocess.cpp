#include "dataset.h"
#include "error.h"
#include "mnist.h"
#include "picture_reduction.h"
#include "preprocess.h"

#include <QBuffer>
#include <QFile>
#include <QImageWriter>
#include <QPainter>
#include <QPainterPath>
#include <QPainterPathStroker>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <zlib.h>

using namespace digitpad;

namespace {

QImage mnistImage(const Dataset &dataset, int index) {
    QImage image(kImageSide, kImageSide, QImage::Format_Grayscale8);
    for (int y = 0; y < kImageSide; ++y)
        std::memcpy(image.scanLine(y), dataset.image(index) + std::ptrdiff_t(y) * kImageSide,
                    kImageSide);
    return image;
}

// Dark `ink` strokes on `paper`, the digit enlarged `scale` times and placed at `offset`.
QImage restyled(const QImage &mnist, int scale, QPoint offset, QColor ink, QColor paper,
                QSize canvas) {
    const QImage big =
        mnist.scaled(mnist.size() * scale, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    QImage result(canvas, QImage::Format_RGB32);
    result.fill(paper);
    for (int y = 0; y < big.height(); ++y)
        for (int x = 0; x < big.width(); ++x) {
            const double t = qGray(big.pixel(x, y)) / 255.0;
            const QColor mixed = QColor::fromRgbF(paper.redF() * (1 - t) + ink.redF() * t,
                                                  paper.greenF() * (1 - t) + ink.greenF() * t,
                                                  paper.blueF() * (1 - t) + ink.blueF() * t);
            result.setPixelColor(x + offset.x(), y + offset.y(), mixed);
        }
    return result;
}

double meanAbsoluteDifference(const ModelInput &a, const ModelInput &b) {
    double sum = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        sum += std::abs(a[i] - b[i]);
    return sum / double(a.size());
}

QPointF centreOfMass(const ModelInput &input) {
    double mass = 0, x = 0, y = 0;
    for (int i = 0; i < kImagePixels; ++i) {
        mass += input[std::size_t(i)];
        const int column = i % kImageSide, row = i / kImageSide;
        x += input[std::size_t(i)] * column;
        y += input[std::size_t(i)] * row;
    }
    return {x / mass, y / mass};
}

QString errorOf(const std::function<void()> &action) {
    try {
        action();
    } catch (const Error &error) {
        return error.message();
    }
    return QString();
}

} // namespace

class PreprocessTest : public QObject {
    Q_OBJECT
    Dataset m_digits;

  private Q_SLOTS:
    void initTestCase() { m_digits = loadMnistTest(); }

    // Over the first 30 test digits, so that no single digit decides: the typical difference
    // is small and none is far off.
    void shiftedScaledInvertedColouredCopyGivesNearlyTheSameInput_data() {
        QTest::addColumn<int>("scale");
        QTest::addColumn<QPoint>("offset");
        QTest::addColumn<QColor>("ink");
        QTest::addColumn<QColor>("paper");
        QTest::newRow("blue on cream, x10")
            << 10 << QPoint(150, 60) << QColor(0, 0, 160) << QColor(255, 250, 220);
        QTest::newRow("black on white, x4")
            << 4 << QPoint(5, 90) << QColor(Qt::black) << QColor(Qt::white);
        QTest::newRow("white on dark green, x7")
            << 7 << QPoint(300, 10) << QColor(Qt::white) << QColor(0, 60, 20);
        QTest::newRow("red on grey, x3")
            << 3 << QPoint(40, 40) << QColor(200, 0, 0) << QColor(200, 200, 200);
    }
    void shiftedScaledInvertedColouredCopyGivesNearlyTheSameInput() {
        QFETCH(int, scale);
        QFETCH(QPoint, offset);
        QFETCH(QColor, ink);
        QFETCH(QColor, paper);
        std::vector<double> differences;
        for (int index = 0; index < 30; ++index) {
            const ModelInput original = preprocessImage(mnistImage(m_digits, index));
            const ModelInput copy = preprocessImage(
                restyled(mnistImage(m_digits, index), scale, offset, ink, paper, QSize(640, 400)));
            differences.push_back(meanAbsoluteDifference(original, copy));
        }
        std::sort(differences.begin(), differences.end());
        const double median = differences[differences.size() / 2], worst = differences.back();
        QVERIFY2(median < 0.03 && worst < 0.08,
                 qPrintable(QString("median difference %1, worst %2").arg(median).arg(worst)));
    }

    // A 20-megapixel photo is reduced before preprocessing (picture_reduction.h); the digit must
    // come out as from its small copy, and its ink box must be found in the photo's pixels.
    void twentyMegapixelPhotoGivesTheSameInputAsItsSmallCopy_data() {
        QTest::addColumn<int>("index");
        QTest::addColumn<QColor>("ink");
        QTest::addColumn<QColor>("paper");
        QTest::newRow("dark on light") << 3 << QColor(20, 20, 60) << QColor(240, 235, 225);
        QTest::newRow("light on dark") << 42 << QColor(Qt::white) << QColor(30, 30, 30);
    }
    void twentyMegapixelPhotoGivesTheSameInputAsItsSmallCopy() {
        QFETCH(int, index);
        QFETCH(QColor, ink);
        QFETCH(QColor, paper);
        const QImage photo = restyled(mnistImage(m_digits, index), 100, QPoint(1500, 600), ink,
                                      paper, QSize(5472, 3648));
        QCOMPARE(qint64(photo.width()) * photo.height(), qint64(19'961'856));
        const PreprocessedImage fromPhoto = preprocessWithPlacement(photo);
        const ModelInput original = preprocessImage(mnistImage(m_digits, index));
        const double difference = meanAbsoluteDifference(original, fromPhoto.input);
        QVERIFY2(difference < 0.04, qPrintable(QString("mean difference %1").arg(difference)));
        // The ink lies inside the 2800x2800 square the digit was painted into.
        const QRectF painted(1500, 600, 2800, 2800);
        QVERIFY2(painted.adjusted(-40, -40, 40, 40).contains(fromPhoto.inkBounds),
                 qPrintable(QString("%1,%2 %3x%4")
                                .arg(fromPhoto.inkBounds.x())
                                .arg(fromPhoto.inkBounds.y())
                                .arg(fromPhoto.inkBounds.width())
                                .arg(fromPhoto.inkBounds.height())));
    }
    // Reducing a 20-megapixel photo must not drop or break a stroke 4 pixels wide
    // (picture_reduction.h): every block a horizontal or vertical one crosses stays ink, and a
    // slanted one leaves no gap of more than one block.
    void thinStrokesSurviveTheReductionOfAHugePicture() {
        QImage photo(5472, 3648, QImage::Format_RGB32);
        photo.fill(QColor(245, 245, 240));
        QPainter painter(&photo);
        painter.setPen(QPen(QColor(40, 40, 40), 4, Qt::SolidLine, Qt::FlatCap));
        painter.drawLine(1003, 1001, 3001, 1001); // horizontal, off the block grid
        painter.drawLine(4001, 500, 4001, 2500);  // vertical
        painter.drawLine(500, 1500, 2500, 3100);  // slanted
        painter.end();
        const ReducedPicture reduced = reduceLargePicture(photo);
        QCOMPARE(reduced.stride, 12);
        const auto inkAt = [&reduced](int x, int y) {
            return qGray(reduced.image.pixel(x, y)) < 128;
        };
        const auto inkNear = [&](int x, int y, int reach, bool alongX) {
            for (int d = -reach; d <= reach; ++d)
                if (alongX ? inkAt(x, y + d) : inkAt(x + d, y))
                    return true;
            return false;
        };
        for (int x = 1003 / 12 + 1; x < 3001 / 12; ++x)
            QVERIFY2(inkNear(x, 1001 / 12, 1, true),
                     qPrintable(QString("horizontal at %1").arg(x)));
        for (int y = 500 / 12 + 1; y < 2500 / 12; ++y)
            QVERIFY2(inkNear(4001 / 12, y, 1, false), qPrintable(QString("vertical at %1").arg(y)));
        int gap = 0, longestGap = 0;
        for (int x = 500 / 12 + 1; x < 2500 / 12; ++x) {
            const int y = int(std::lround((1500 + (x * 12 + 6 - 500) * 0.8) / 12));
            gap = inkNear(x, y, 1, true) ? 0 : gap + 1;
            longestGap = std::max(longestGap, gap);
        }
        QVERIFY2(longestGap <= 1, qPrintable(QString("gap of %1 blocks").arg(longestGap)));
    }

    void mnistDigitIsNearlyUnchangedByTheRecipe() {
        ModelInput raw{};
        for (int i = 0; i < kImagePixels; ++i)
            raw[std::size_t(i)] = m_digits.image(5)[i] / 255.0f;
        const double difference =
            meanAbsoluteDifference(raw, preprocessImage(mnistImage(m_digits, 5)));
        QVERIFY2(difference < 0.05, qPrintable(QString("mean difference %1").arg(difference)));
    }

    // A 28x28 picture of an MNIST digit is already a network input: read as it is, it gives
    // the digit's own pixels, whichever way round it is drawn.
    void mnistSizedDigitIsTheNetworkInputItself() {
        for (int index = 0; index < 20; ++index) {
            ModelInput raw{};
            for (int i = 0; i < kImagePixels; ++i)
                raw[std::size_t(i)] = m_digits.image(index)[i] / 255.0f;
            QImage picture = mnistImage(m_digits, index);
            const auto framed = asFramedInput(picture);
            QVERIFY2(framed, qPrintable(QString("digit %1").arg(index)));
            QVERIFY(meanAbsoluteDifference(raw, framed->input) < 0.005);
            picture.invertPixels();
            const auto inverted = asFramedInput(picture);
            QVERIFY(inverted && meanAbsoluteDifference(raw, inverted->input) < 0.005);
        }
    }

    // Grain on a 28x28 digit is no reason to frame it again (framing the grain would shrink the
    // digit); a figure that fills the picture, or a larger picture, is framed as usual.
    void grainyMnistSizedDigitStaysFramedAndAFullFigureIsNot() {
        QRandomGenerator random(5);
        QImage grainy = mnistImage(m_digits, 7);
        for (int y = 0; y < kImageSide; ++y)
            for (int x = 0; x < kImageSide; ++x) {
                uchar &pixel = grainy.scanLine(y)[x];
                pixel = uchar(std::clamp(int(pixel) + int(random.bounded(120)) - 30, 0, 255));
            }
        QVERIFY(asFramedInput(grainy));
        // Grey paper under light ink (a raised black level) is still light ink on dark.
        QImage raised = mnistImage(m_digits, 7);
        for (int y = 0; y < kImageSide; ++y)
            for (int x = 0; x < kImageSide; ++x)
                raised.scanLine(y)[x] = uchar(150 + raised.scanLine(y)[x] * 105 / 255);
        const auto lifted = asFramedInput(raised);
        QVERIFY(lifted);
        ModelInput raw{};
        for (int i = 0; i < kImagePixels; ++i)
            raw[std::size_t(i)] = m_digits.image(7)[i] / 255.0f;
        QVERIFY(meanAbsoluteDifference(raw, lifted->input) < 0.01);
        QImage full(kImageSide, kImageSide, QImage::Format_Grayscale8);
        full.fill(0);
        QPainter(&full).fillRect(1, 1, 26, 3, Qt::white); // a bar across the whole picture
        QVERIFY(!asFramedInput(full));
        QVERIFY(!asFramedInput(mnistImage(m_digits, 7).scaled(56, 56)));
    }

    void tallStrokeIsScaledToTwentyPixelsAndCentredByMass() {
        QImage image(300, 500, QImage::Format_RGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        painter.fillRect(QRect(120, 40, 30, 400), Qt::black);
        painter.end();
        const ModelInput input = preprocessImage(image);
        int top = kImageSide, bottom = -1;
        for (int i = 0; i < kImagePixels; ++i)
            if (input[std::size_t(i)] > 0.5f) {
                top = std::min(top, i / kImageSide);
                bottom = std::max(bottom, i / kImageSide);
            }
        QCOMPARE(bottom - top + 1, 20);
        const QPointF centre = centreOfMass(input);
        QVERIFY(std::abs(centre.x() - 14.0) <= 0.6 && std::abs(centre.y() - 14.0) <= 0.6);
    }

    // A bubble digit, a bold stroke drawn as its outline only with a fine pen, reaches the network
    // as the bold digit it stands for, not as two thin lines side by side.
    void bubbleDigitGivesTheInputOfTheBoldDigitItOutlines() {
        QPainterPath seven;
        seven.moveTo(60, 60);
        seven.lineTo(240, 60);
        seven.lineTo(130, 340);
        QPainterPathStroker stroker;
        stroker.setWidth(44);
        stroker.setCapStyle(Qt::RoundCap);
        stroker.setJoinStyle(Qt::RoundJoin);
        const QPainterPath bold = stroker.createStroke(seven).simplified();
        const auto drawn = [&](bool outlineOnly) {
            QImage image(300, 400, QImage::Format_RGB32);
            image.fill(Qt::white);
            QPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            if (!outlineOnly)
                painter.fillPath(bold, Qt::black);
            painter.strokePath(bold, QPen(Qt::black, 4));
            return image;
        };
        const double difference =
            meanAbsoluteDifference(preprocessImage(drawn(true)), preprocessImage(drawn(false)));
        QVERIFY2(difference < 0.02, qPrintable(QString::number(difference)));
    }

    // The hole of a narrow 0 drawn with a fine pen is long and thin too, yet stays a hole.
    void narrowZeroDrawnWithAFinePenKeepsItsHole() {
        QImage image(300, 400, QImage::Format_RGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(Qt::black, 3));
        painter.drawEllipse(QRectF(100, 40, 110, 320));
        painter.end();
        const ModelInput input = preprocessImage(image);
        QVERIFY2(input[std::size_t(14 * kImageSide + 14)] < 0.2f,
                 qPrintable(QString::number(input[std::size_t(14 * kImageSide + 14)])));
    }

    void strokesOnATransparentSheetAreReadByTheirAlpha() {
        QImage image(200, 200, QImage::Format_ARGB32);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        painter.setPen(
            QPen(Qt::white, 16, Qt::SolidLine, Qt::RoundCap)); // white ink: invisible on white
        painter.drawLine(100, 30, 100, 170);
        painter.end();
        const ModelInput input = preprocessImage(image);
        QVERIFY(input[14 * kImageSide + 14] > 0.9f);
        QVERIFY(input[14 * kImageSide + 4] < 0.01f);
    }

    void imageWithoutInkIsAnError() {
        QImage blank(280, 280, QImage::Format_RGB32);
        blank.fill(QColor(240, 240, 240));
        QVERIFY(errorOf([&] { preprocessImage(blank); }).contains("no ink"));
        QVERIFY(errorOf([&] { preprocessImage(QImage()); }).contains("empty"));
    }

    void fileThatIsNotAnImageIsRejectedWithItsName() {
        QTemporaryDir dir;
        const QString path = dir.filePath("notes.png");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("this is text, not a picture");
        file.close();
        const QString message = errorOf([&] { loadImageFile(path); });
        QVERIFY2(message.contains("notes.png") && message.contains("not a readable image"),
                 qPrintable(message));
        QVERIFY(
            errorOf([&] { loadImageFile(dir.filePath("missing.png")); }).contains("no such file"));
    }

    void decompressionBombIsRefusedBeforeDecoding() {
        // A real 1x1 PNG whose header is rewritten to claim 50000x50000 pixels.
        QImage tiny(1, 1, QImage::Format_RGB32);
        tiny.fill(Qt::white);
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(tiny.save(&buffer, "PNG"));
        const auto putBigEndian = [&](int offset, quint32 value) {
            for (int i = 0; i < 4; ++i)
                png[offset + i] = char((value >> (24 - 8 * i)) & 0xff);
        };
        putBigEndian(16, 50000); // IHDR width
        putBigEndian(20, 50000); // IHDR height
        putBigEndian(29,
                     quint32(crc32(0, reinterpret_cast<const Bytef *>(png.constData() + 12), 17)));
        const QString message = errorOf([&] { decodeImage(png, "bomb.png"); });
        QVERIFY2(message.contains("bomb.png") && message.contains("megapixel"),
                 qPrintable(message));
    }

    // A progressive JPEG decodes the whole picture once per scan: one whose last scan is
    // repeated hundreds of times is refused before decoding, from a file or from bytes, and an
    // honest progressive one is read.
    void aJpegOfCountlessScansIsRefusedBeforeDecoding() {
        QImage picture(200, 200, QImage::Format_RGB32);
        picture.fill(Qt::white);
        QPainter painter(&picture);
        painter.setPen(QPen(Qt::black, 12));
        painter.drawLine(100, 20, 100, 180);
        painter.end();
        QByteArray jpeg;
        QBuffer buffer(&jpeg);
        buffer.open(QIODevice::WriteOnly);
        QImageWriter writer(&buffer, "jpeg");
        writer.setProgressiveScanWrite(true);
        QVERIFY(writer.write(picture));
        QVERIFY(!decodeImage(jpeg, "honest.jpg").isNull());
        const qsizetype lastScan = jpeg.lastIndexOf(QByteArray("\xff\xda", 2));
        const qsizetype end = jpeg.lastIndexOf(QByteArray("\xff\xd9", 2));
        QVERIFY(lastScan > 0 && end > lastScan);
        QByteArray repeated = jpeg.left(end);
        for (int i = 0; i < 300; ++i)
            repeated += jpeg.mid(lastScan, end - lastScan);
        repeated += QByteArray("\xff\xd9", 2);
        const QString message = errorOf([&] { decodeImage(repeated, "scans.jpg"); });
        QVERIFY2(message.contains("scans.jpg") && message.contains("scans"), qPrintable(message));
        QTemporaryDir dir;
        QFile file(dir.filePath("scans.jpg"));
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(repeated) == repeated.size());
        file.close();
        QVERIFY(errorOf([&] { loadImageFile(file.fileName()); }).contains("scans"));
    }

    // The stated limit is the one that holds: a 36-megapixel colour picture (above Qt's default
    // allocation limit) is decoded, not refused as unreadable.
    void aPictureJustBelowTheLimitIsDecoded() {
        QImage big(6000, 6000, QImage::Format_RGB32);
        big.fill(QColor(200, 190, 180));
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(big.save(&buffer, "PNG", 0));
        big = QImage();
        const QImage decoded = decodeImage(png, "big.png");
        QCOMPARE(decoded.size(), QSize(6000, 6000));
    }

    void previewImageShowsTheInputWhiteOnBlack() {
        ModelInput input{};
        input[3 * kImageSide + 5] = 1.0f;
        const QImage preview = modelInputToImage(input);
        QCOMPARE(preview.size(), QSize(28, 28));
        QCOMPARE(qGray(preview.pixel(5, 3)), 255);
        QCOMPARE(qGray(preview.pixel(6, 3)), 0);
    }
};

QTEST_MAIN(PreprocessTest)
#include "test_preprocess.moc"
