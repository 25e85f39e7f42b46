#include "preprocess.h"

#include "error.h"
#include "hollow_strokes.h"
#include "ink_map.h"
#include "jpeg_scans.h"
#include "picture_reduction.h"
#include "stroke_width.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <algorithm>
#include <cmath>
#include <vector>

namespace digitpad {

namespace {

constexpr int kWorkingScale = 4;
// MNIST's median stroke width in pixels of the 20-px box, by strokeWidth(): what thin strokes
// are thickened to.
constexpr double kTypicalStroke = 1.8;

// One dimension of an anti-aliased resize: a tent filter widened by the shrink factor, so that
// downscaling averages every source pixel and upscaling interpolates (as PIL's bilinear does).
struct Taps {
    int first = 0;
    std::vector<float> weights;
};

std::vector<Taps> resampleTaps(int sourceSize, int targetSize) {
    const double scale = double(sourceSize) / targetSize;
    const double support = std::max(1.0, scale);
    std::vector<Taps> taps(static_cast<std::size_t>(targetSize));
    for (int i = 0; i < targetSize; ++i) {
        const double centre = (i + 0.5) * scale;
        const int first = std::max(0, int(std::floor(centre - support)));
        const int last = std::min(sourceSize - 1, int(std::ceil(centre + support)));
        Taps &t = taps[std::size_t(i)];
        t.first = first;
        double sum = 0.0;
        for (int j = first; j <= last; ++j) {
            const double w = std::max(0.0, 1.0 - std::abs((j + 0.5 - centre) / support));
            t.weights.push_back(float(w));
            sum += w;
        }
        for (float &w : t.weights)
            w = sum > 0 ? float(w / sum) : 0.0f;
    }
    return taps;
}

InkMap resize(const InkMap &source, int left, int top, int width, int height, int targetWidth,
              int targetHeight) {
    const auto horizontal = resampleTaps(width, targetWidth);
    const auto vertical = resampleTaps(height, targetHeight);
    InkMap rows{targetWidth, height, std::vector<float>(std::size_t(targetWidth) * height)};
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < targetWidth; ++x) {
            const Taps &t = horizontal[std::size_t(x)];
            float sum = 0.0f;
            for (std::size_t k = 0; k < t.weights.size(); ++k)
                sum += t.weights[k] * source.at(left + t.first + int(k), top + y);
            rows.at(x, y) = sum;
        }
    InkMap result{targetWidth, targetHeight,
                  std::vector<float>(std::size_t(targetWidth) * targetHeight)};
    for (int y = 0; y < targetHeight; ++y) {
        const Taps &t = vertical[std::size_t(y)];
        for (int x = 0; x < targetWidth; ++x) {
            float sum = 0.0f;
            for (std::size_t k = 0; k < t.weights.size(); ++k)
                sum += t.weights[k] * rows.at(x, t.first + int(k));
            result.at(x, y) = sum;
        }
    }
    return result;
}

// Grey-level dilation with a disc: thickens every stroke by `radius` on each side.
InkMap dilate(const InkMap &map, double radius) {
    const int reach = int(std::ceil(radius));
    std::vector<std::pair<int, int>> disc;
    for (int dy = -reach; dy <= reach; ++dy)
        for (int dx = -reach; dx <= reach; ++dx)
            if (dx * dx + dy * dy <= radius * radius)
                disc.emplace_back(dx, dy);
    InkMap result = map;
    for (int y = 0; y < map.height; ++y)
        for (int x = 0; x < map.width; ++x) {
            float strongest = 0.0f;
            for (const auto &[dx, dy] : disc) {
                const int sx = x + dx, sy = y + dy;
                if (sx >= 0 && sy >= 0 && sx < map.width && sy < map.height)
                    strongest = std::max(strongest, map.at(sx, sy));
            }
            result.at(x, y) = strongest;
        }
    return result;
}

// A margin of empty paper around a map, so that dilation has room to grow.
InkMap padded(const InkMap &map, int margin) {
    InkMap result{
        map.width + 2 * margin, map.height + 2 * margin,
        std::vector<float>(std::size_t(map.width + 2 * margin) * (map.height + 2 * margin))};
    for (int y = 0; y < map.height; ++y)
        for (int x = 0; x < map.width; ++x)
            result.at(x + margin, y + margin) = map.at(x, y);
    return result;
}

// Places the resized digit by its centre of mass; `placed` receives where it landed (28x28 coords).
ModelInput placeByCentreOfMass(const InkMap &digit, QRectF *placed) {
    double mass = 0.0, massX = 0.0, massY = 0.0;
    for (int y = 0; y < digit.height; ++y)
        for (int x = 0; x < digit.width; ++x) {
            const double value = digit.at(x, y);
            mass += value;
            massX += value * x;
            massY += value * y;
        }
    if (mass <= 0.0)
        throw Error(QStringLiteral("the image holds no ink"));
    const int offsetX = int(std::lround(kMassCentre - massX / mass));
    const int offsetY = int(std::lround(kMassCentre - massY / mass));

    *placed = QRectF(offsetX, offsetY, digit.width, digit.height);
    ModelInput input{};
    for (int y = 0; y < digit.height; ++y)
        for (int x = 0; x < digit.width; ++x) {
            const int tx = x + offsetX, ty = y + offsetY;
            if (tx >= 0 && tx < kImageSide && ty >= 0 && ty < kImageSide)
                input[std::size_t(ty) * kImageSide + std::size_t(tx)] =
                    std::clamp(digit.at(x, y), 0.0f, 1.0f);
        }
    return input;
}

} // namespace

ModelInput preprocessImage(const QImage &image) {
    return preprocessWithPlacement(image).input;
}

void checkPictureSize(const QImage &image) {
    if (image.isNull() || image.width() == 0 || image.height() == 0)
        throw Error(QStringLiteral("the image is empty"));
    if (qint64(image.width()) * image.height() > kMaxImagePixels)
        throw Error(QStringLiteral("the image is %1x%2, above the %3-megapixel limit")
                        .arg(image.width())
                        .arg(image.height())
                        .arg(kMaxImagePixels / 1'000'000));
}

PreprocessedImage preprocessWithPlacement(const QImage &image, InkCoverage coverage) {
    checkPictureSize(image);
    const ReducedPicture reduced = reduceLargePicture(image);
    return preprocessFoundInk(extractInk(reduced.image, coverage), reduced.stride);
}

namespace {
PreprocessedImage preprocessInk(const InkMap &ink) {
    int left = ink.width, right = -1, top = ink.height, bottom = -1;
    for (int y = 0; y < ink.height; ++y)
        for (int x = 0; x < ink.width; ++x)
            if (ink.at(x, y) > 0.0f) {
                left = std::min(left, x);
                right = std::max(right, x);
                top = std::min(top, y);
                bottom = std::max(bottom, y);
            }
    if (right < 0)
        throw Error(QStringLiteral("the image holds no ink"));
    const int width = right - left + 1, height = bottom - top + 1;
    const double scale = double(kDigitBox) / std::max(width, height);
    const int targetWidth = std::clamp(int(std::lround(width * scale)), 1, kDigitBox);
    const int targetHeight = std::clamp(int(std::lround(height * scale)), 1, kDigitBox);

    // Strokes much thinner than MNIST's (a fine pen on a large digit) would fade to a faint
    // trace at 20 px: thicken them first, at four times the final resolution.
    const int workingWidth = targetWidth * kWorkingScale,
              workingHeight = targetHeight * kWorkingScale;
    InkMap working = resize(ink, left, top, width, height, workingWidth, workingHeight);
    double measured = strokeWidth(working.ink.data(), working.width, working.height);
    if (measured > 0.0 && measured < kThinStroke * kWorkingScale &&
        fillHollowStrokes(working, measured))
        measured = strokeWidth(working.ink.data(), working.width, working.height);
    if (measured > 0.0 && measured < kThinStroke * kWorkingScale) {
        const double radius = (kTypicalStroke * kWorkingScale - measured) / 2.0;
        const int margin = int(std::ceil(radius));
        working = dilate(padded(working, margin), radius);
        const double grownScale =
            double(kDigitBox * kWorkingScale) / std::max(working.width, working.height);
        const InkMap digit =
            resize(working, 0, 0, working.width, working.height,
                   std::max(1, int(std::lround(working.width * grownScale / kWorkingScale))),
                   std::max(1, int(std::lround(working.height * grownScale / kWorkingScale))));
        PreprocessedImage result;
        // The dilation margin grew the box on every side; in source pixels that is margin/scale.
        const double grownBy = margin / (scale * kWorkingScale);
        result.inkBounds =
            QRectF(left - grownBy, top - grownBy, width + 2 * grownBy, height + 2 * grownBy);
        result.input = placeByCentreOfMass(digit, &result.placedBounds);
        return result;
    }
    PreprocessedImage result;
    result.inkBounds = QRectF(left, top, width, height);
    result.input = placeByCentreOfMass(
        resize(working, 0, 0, workingWidth, workingHeight, targetWidth, targetHeight),
        &result.placedBounds);
    return result;
}
} // namespace

PreprocessedImage preprocessFoundInk(const InkMap &ink, int stride) {
    PreprocessedImage result = preprocessInk(ink);
    if (stride > 1) { // back to the source picture's pixels
        const double s = stride;
        result.inkBounds = QRectF(result.inkBounds.topLeft() * s, result.inkBounds.size() * s);
    }
    return result;
}

namespace {
// A 28x28 picture as light ink on dark paper, whichever way round it is drawn: the border's
// median is the paper, and the ink is on the side of it where the pixels stray further (a grey
// paper may be a raised black under light ink as well as a dimmed white under dark ink).
ModelInput lightOnDark(const QImage &image) {
    const QImage grey = image.convertToFormat(QImage::Format_Grayscale8);
    std::vector<uchar> border;
    for (int i = 0; i < kImageSide; ++i)
        for (const int at : {0, kImageSide - 1}) {
            border.push_back(grey.constScanLine(at)[i]);
            border.push_back(grey.constScanLine(i)[at]);
        }
    std::nth_element(border.begin(), border.begin() + std::ptrdiff_t(border.size() / 2),
                     border.end());
    const int paper = border[border.size() / 2];
    long brighter = 0, darker = 0;
    for (int y = 0; y < kImageSide; ++y)
        for (int x = 0; x < kImageSide; ++x) {
            const int value = grey.constScanLine(y)[x];
            brighter += std::max(0, value - paper);
            darker += std::max(0, paper - value);
        }
    const bool darkInk = darker > brighter;
    ModelInput input{};
    for (int y = 0; y < kImageSide; ++y)
        for (int x = 0; x < kImageSide; ++x) {
            const float value = grey.constScanLine(y)[x] / 255.0f;
            input[std::size_t(y) * kImageSide + std::size_t(x)] = darkInk ? 1.0f - value : value;
        }
    return input;
}

// The longer side of the figure's box once specks are gone, 0 when nothing is left: a pixel
// counts as ink where it and two of its neighbours reach `level` (a thin stroke's pixels have
// two such neighbours; noise rarely has).
int figureSide(const ModelInput &input, float level) {
    const auto inked = [&input, level](int x, int y) {
        return input[std::size_t(y) * kImageSide + std::size_t(x)] >= level;
    };
    int left = kImageSide, right = -1, top = kImageSide, bottom = -1;
    for (int y = 1; y + 1 < kImageSide; ++y)
        for (int x = 1; x + 1 < kImageSide; ++x) {
            if (!inked(x, y))
                continue;
            int standing = 0;
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx)
                    standing += inked(x + dx, y + dy);
            if (standing >= 3) {
                left = std::min(left, x), right = std::max(right, x);
                top = std::min(top, y), bottom = std::max(bottom, y);
            }
        }
    return right < 0 ? 0 : std::max(right - left, bottom - top) + 1;
}
} // namespace

std::optional<PreprocessedImage> asFramedInput(const QImage &image) {
    if (image.width() != kImageSide || image.height() != kImageSide || image.hasAlphaChannel())
        return std::nullopt;
    ModelInput input = lightOnDark(image);
    std::vector<float> values(input.begin(), input.end());
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(values.size() / 2),
                     values.end());
    const float paper = values[values.size() / 2];
    const float strongest = *std::max_element(input.begin(), input.end());
    if (strongest - paper < 0.15f)
        return std::nullopt;
    // MNIST scales a digit's longer side to kDigitBox pixels; the filter trims a stroke's ends.
    const int side = figureSide(input, paper + (strongest - paper) / 2);
    if (side < kDigitBox - 5 || side > kDigitBox + 2)
        return std::nullopt;
    // Paper black and the strongest stroke white, as for any other picture.
    for (float &value : input)
        value = std::clamp((value - paper) / (strongest - paper), 0.0f, 1.0f);
    PreprocessedImage result;
    result.input = input;
    result.inkBounds = QRectF(0, 0, kImageSide, kImageSide);
    result.placedBounds = result.inkBounds;
    return result;
}

namespace {
constexpr qint64 kMegabyte = 1 << 20;
// What Qt may allocate for one decoded picture: kMaxImagePixels at four bytes a pixel. Qt's own
// default, 128 MB, refused colour pictures above 33.5 megapixels as "unable to read".
constexpr int kAllocationLimitMegabytes = int(kMaxImagePixels * 4 / kMegabyte) + 1;

// Scans of the JPEG `reader` is about to decode, counted on a reading of their own up to
// `enough`.
int scansAhead(QImageReader &reader, int enough) {
    if (!reader.fileName().isEmpty()) {
        QFile file(reader.fileName());
        return file.open(QIODevice::ReadOnly) ? jpegScanCount(file, enough) : 0;
    }
    if (const auto *buffer = qobject_cast<const QBuffer *>(reader.device())) {
        QByteArray bytes = buffer->data(); // shared, not copied
        QBuffer view(&bytes);
        view.open(QIODevice::ReadOnly);
        return jpegScanCount(view, enough);
    }
    return 0;
}

// Refuses, from its header, a picture above the pixel limit, or one whose decoded form needs
// more than a picture may take (more than four bytes a pixel: 16 bits a channel), as Qt would
// without saying why.
void checkDecodedSize(const QString &name, QSize size, QImage::Format format) {
    const qint64 pixels = qint64(size.width()) * size.height();
    if (pixels > kMaxImagePixels)
        throw Error(QStringLiteral("%1: %2x%3 pixels is above the %4-megapixel limit")
                        .arg(name)
                        .arg(size.width())
                        .arg(size.height())
                        .arg(kMaxImagePixels / 1'000'000));
    if (format == QImage::Format_Invalid)
        return;
    const int bits = QImage::toPixelFormat(format).bitsPerPixel();
    const qint64 bytes = (qint64(size.width()) * bits + 31) / 32 * 4 * size.height(); // as Qt
    if (bytes > kAllocationLimitMegabytes * kMegabyte)
        throw Error(QStringLiteral("%1: %2x%3 pixels of %4 bits need %5 MB to decode, above the %6 "
                                   "MB a picture may take (%7 megapixels of 32 bits); save it "
                                   "with 8 bits a channel, or smaller")
                        .arg(name)
                        .arg(size.width())
                        .arg(size.height())
                        .arg(bits)
                        .arg(bytes / kMegabyte)
                        .arg(kAllocationLimitMegabytes)
                        .arg(kMaxImagePixels / 1'000'000));
}

QImage readWithGuard(QImageReader &reader, const QString &name) {
    reader.setAllocationLimit(kAllocationLimitMegabytes);
    const QSize size = reader.size();
    if (!reader.canRead())
        throw Error(
            QStringLiteral("%1: not a readable image (%2)").arg(name, reader.errorString()));
    if (size.isValid())
        checkDecodedSize(name, size, reader.imageFormat());
    if (reader.format() == "jpeg") {
        const int allowed =
            jpegScansAllowed(size.isValid() ? qint64(size.width()) * size.height() : 0);
        if (scansAhead(reader, allowed + 1) > allowed)
            throw Error(QStringLiteral("%1: a JPEG of more than %2 scans at %3x%4 pixels (a "
                                       "progressive one has about ten): not decoded, as each "
                                       "scan decodes the whole picture again")
                            .arg(name)
                            .arg(allowed)
                            .arg(size.width())
                            .arg(size.height()));
    }
    QImage image = reader.read();
    if (image.isNull())
        throw Error(
            QStringLiteral("%1: cannot decode the image: %2").arg(name, reader.errorString()));
    return image;
}
} // namespace

QImage loadImageFile(const QString &path) {
    QImageReader reader(path);
    if (!QFileInfo::exists(path))
        throw Error(QStringLiteral("%1: no such file").arg(path));
    return readWithGuard(reader, path);
}

QImage decodeImage(const QByteArray &bytes, const QString &name) {
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    return readWithGuard(reader, name);
}

QImage modelInputToImage(const ModelInput &input) {
    QImage image(kImageSide, kImageSide, QImage::Format_Grayscale8);
    for (int y = 0; y < kImageSide; ++y) {
        uchar *row = image.scanLine(y);
        for (int x = 0; x < kImageSide; ++x)
            row[x] = uchar(std::lround(
                std::clamp(input[std::size_t(y) * kImageSide + std::size_t(x)], 0.0f, 1.0f) * 255));
    }
    return image;
}

} // namespace digitpad
