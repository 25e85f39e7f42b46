// Numbers of 2 to 5 digits made of official test digits placed side by side with random sizes,
// vertical offsets and gaps (from a slight overlap to a wide space), read by readNumber().
// Prints the share of numbers read exactly right, and of digit counts found right.
// With --touching, each digit has its own size and is slid towards the one before until their
// ink touches, half of the time.
//   bench_numbers [model.dpmodel] [numbers] [validation|test] [--touching]
//   (defaults: the default model, 500, the official test digits)
#include "bench_stats.h"
#include "checkpoint.h"
#include "error.h"
#include "mnist.h"
#include "model_paths.h"
#include "number_reading.h"
#include "training_data.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QPainter>
#include <QRandomGenerator>
#include <cstdio>

namespace {
bool inked(const QImage &image, int x, int y) {
    return qGray(image.pixel(x, y)) < 128;
}

// The leftmost position, from `left` leftwards, at which `digit` drawn at (left, top) on
// `picture` does not yet overlap its ink: one pixel further, and the two inks meet.
int slidUntilTouching(const QImage &picture, const QImage &digit, int left, int top) {
    const auto touches = [&](int at) {
        for (int y = 0; y < digit.height(); ++y)
            for (int x = 0; x < digit.width(); ++x) {
                const int px = at + x, py = top + y;
                if (px >= 0 && py >= 0 && px < picture.width() && py < picture.height() &&
                    inked(digit, x, y) && inked(picture, px, py))
                    return true;
            }
        return false;
    };
    for (int at = left; at > left - digit.width() && at > 0; --at)
        if (touches(at - 1))
            return at - 1;
    return left;
}
struct WrittenNumber {
    QImage picture;
    QString digits;
    bool overlaps = false; // some digit's box overlaps its neighbour's, or their ink touches
};

// `length` digits of `digits`, side by side: one size for all and box-to-box gaps, or (touching)
// a size of their own and every other digit slid against the one before.
WrittenNumber writeNumber(const digitpad::Dataset &digits, int length, bool touching,
                          QRandomGenerator &random) {
    WrittenNumber number;
    const double scale = 2.0 + 2.0 * random.generateDouble(); // 56 to 112 px per digit
    number.picture = QImage(int(length * (touching ? 36 : 30) * scale + 40), int(40 * scale),
                            QImage::Format_RGB32);
    number.picture.fill(Qt::white);
    double x = 10;
    for (int k = 0; k < length; ++k) {
        const int index = int(random.bounded(digits.size()));
        number.digits += QString::number(digits.labels[std::size_t(index)]);
        QImage digit(digits.image(index), 28, 28, 28, QImage::Format_Grayscale8);
        digit.invertPixels();
        const double size = touching ? scale * (0.85 + 0.3 * random.generateDouble()) : scale;
        // MNIST digits sit in a 20-px box inside 28: the gap between boxes is what varies, from
        // 2 px of overlap to 12 px of space (in MNIST pixels).
        const double gap = -2.0 + 14.0 * random.generateDouble();
        number.overlaps = number.overlaps || gap < 0;
        const double y = 4 * scale + (random.generateDouble() - 0.5) * 6 * scale;
        QPainter painter(&number.picture);
        painter.setCompositionMode(QPainter::CompositionMode_Darken); // ink over ink stays ink
        if (!touching) {
            painter.drawImage(QRectF(x - 4 * scale, y, 28 * scale, 28 * scale), digit);
            x += (20 + gap) * scale;
            continue;
        }
        const QImage placed = digit.scaled(int(28 * size), int(28 * size), Qt::IgnoreAspectRatio,
                                           Qt::SmoothTransformation);
        int left = int(x - 4 * size);
        if (k > 0 && random.bounded(2) == 0) {
            left = slidUntilTouching(number.picture, placed, left, int(y));
            number.overlaps = true;
        }
        painter.drawImage(QPoint(left, int(y)), placed);
        x = left + 4 * size + (20 + gap) * size;
    }
    if (touching)
        number.picture = number.picture.copy(
            0, 0, std::min(number.picture.width(), int(x + 30 * scale)), number.picture.height());
    return number;
}
// BENCH_SHOW_ERRORS set: what a number was read as; set to a folder: its picture saved there.
void showMisread(const WrittenNumber &number, QString readAs, int n) {
    std::printf("  %s read as %s\n", qPrintable(number.digits), qPrintable(readAs));
    const QString folder = qEnvironmentVariable("BENCH_SHOW_ERRORS");
    if (!folder.isEmpty())
        number.picture.save(QStringLiteral("%1/%2-%3-%4.png")
                                .arg(folder)
                                .arg(n)
                                .arg(number.digits, readAs.replace('?', 'x')));
}
// Whether the numbers are made of the model's validation digits (or the official test digits).
bool validationDigits(const QStringList &arguments) {
    if (arguments.size() <= 3 || arguments[3] == QLatin1String("test"))
        return false;
    if (arguments[3] != QLatin1String("validation"))
        throw std::invalid_argument("digits come from 'validation' or 'test', not " +
                                    arguments[3].toStdString());
    return true;
}
} // namespace

int main(int argc, char **argv) {
    return guardedMain([&]() -> int {
        QGuiApplication app(argc, argv);
        QStringList arguments = app.arguments();
        const bool touching = arguments.removeAll(QStringLiteral("--touching")) > 0;
        const QString modelPath =
            arguments.size() > 1 ? arguments[1] : digitpad::defaultModelPath();
        const int numbers = arguments.size() > 2 ? countArgument(arguments[2]) : 500;
        const digitpad::Classifier model = digitpad::loadModel(modelPath);
        const bool validation = validationDigits(arguments);
        const digitpad::Dataset test = validation ? digitpad::splitsOf(model.metadata()).validation
                                                  : digitpad::loadMnistTest();
        QRandomGenerator random(2026);
        int exact = 0, countRight = 0, overlapping = 0, overlappingExact = 0;
        std::vector<int> lengths(6, 0), lengthsExact(6, 0);
        QElapsedTimer timer;
        double seconds = 0;
        for (int n = 0; n < numbers; ++n) {
            const int length = 2 + int(random.bounded(4));
            const WrittenNumber written = writeNumber(test, length, touching, random);
            const QImage &picture = written.picture;
            const QString &truth = written.digits;
            const bool overlaps = written.overlaps;
            timer.start();
            digitpad::NumberReading reading;
            try {
                reading = digitpad::readNumber(model, picture);
            } catch (const digitpad::Error &error) { // read as nothing: wrong
                std::printf("  %s: %s\n", qPrintable(truth), qPrintable(error.message()));
            }
            seconds += timer.nsecsElapsed() / 1e9;
            const bool right = reading.number() == truth;
            if (!right && qEnvironmentVariableIsSet("BENCH_SHOW_ERRORS"))
                showMisread(written, reading.number(), n);
            exact += right;
            countRight += int(reading.digits.size()) == length;
            lengths[std::size_t(length)] += 1;
            lengthsExact[std::size_t(length)] += right;
            overlapping += overlaps;
            overlappingExact += overlaps && right;
        }
        std::printf("%s\n%d numbers of 2-5 %s digits%s: %.2f%% read exactly, digit count right in "
                    "%.2f%%, %.1f ms per number\n",
                    qPrintable(modelPath), numbers, validation ? "validation" : "test",
                    touching ? ", touching half of the time" : "", 100.0 * exact / numbers,
                    100.0 * countRight / numbers, 1000 * seconds / numbers);
        for (int length = 2; length <= 5; ++length)
            std::printf("  %d digits: %.2f%% of %d\n", length,
                        100.0 * lengthsExact[std::size_t(length)] /
                            std::max(1, lengths[std::size_t(length)]),
                        lengths[std::size_t(length)]);
        std::printf("  with a slight overlap: %.2f%% of %d\n",
                    100.0 * overlappingExact / std::max(1, overlapping), overlapping);
        return 0;
    });
}
