#include "ink_map.h"

#include "error.h"
#include "paper_background.h"
#include "picture_reduction.h"
#include "preprocess.h"

#include <algorithm>
#include <array>
#include <utility>

namespace digitpad {

namespace {
constexpr float kInkThreshold = 0.1f;
// The least a picture's strongest stroke stands out from the paper for it to hold ink at all.
constexpr float kStrongestStroke = 0.15f;
// How far a pen's stroke stands out from plain paper, at the least: more than a shadow does.
constexpr float kPenInk = 0.5f;

float luminance(QRgb pixel) {
    return (0.299f * qRed(pixel) + 0.587f * qGreen(pixel) + 0.114f * qBlue(pixel)) / 255.0f;
}

float borderMedianLuminance(const QImage &image) {
    std::vector<float> border;
    const int w = image.width(), h = image.height();
    for (int x = 0; x < w; ++x) {
        border.push_back(luminance(image.pixel(x, 0)));
        border.push_back(luminance(image.pixel(x, h - 1)));
    }
    for (int y = 0; y < h; ++y) {
        border.push_back(luminance(image.pixel(0, y)));
        border.push_back(luminance(image.pixel(w - 1, y)));
    }
    std::nth_element(border.begin(), border.begin() + border.size() / 2, border.end());
    return border[border.size() / 2];
}

} // namespace

namespace {
// The canvas's RGB32 (and ARGB32) are read in place, without a converted copy.
QImage asArgb32(const QImage &source) {
    const bool inPlace =
        source.format() == QImage::Format_RGB32 || source.format() == QImage::Format_ARGB32;
    return inPlace ? source : source.convertToFormat(QImage::Format_ARGB32);
}

bool hasTransparentPixels(const QImage &image) {
    if (!image.hasAlphaChannel())
        return false;
    const int width = image.width(), height = image.height();
    for (int y = 0; y < height; ++y) {
        const auto *row = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < width; ++x)
            if (qAlpha(row[x]) < 128)
                return true;
    }
    return false;
}

// Each pixel's luminance, by table, one per channel: three loads and two adds a pixel.
Luminance luminanceOf(const QImage &image) {
    std::array<float, 256> red{}, green{}, blue{};
    for (int v = 0; v < 256; ++v) {
        red[std::size_t(v)] = 0.299f * float(v) / 255.0f;
        green[std::size_t(v)] = 0.587f * float(v) / 255.0f;
        blue[std::size_t(v)] = 0.114f * float(v) / 255.0f;
    }
    Luminance luminance{image.width(), image.height(),
                        std::vector<float>(std::size_t(image.width()) * image.height())};
    for (int y = 0; y < luminance.height; ++y) {
        const auto *row = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        float *out = luminance.values.data() + std::size_t(y) * std::size_t(luminance.width);
        for (int x = 0; x < luminance.width; ++x)
            out[x] = red[std::size_t(qRed(row[x]))] + green[std::size_t(qGreen(row[x]))] +
                     blue[std::size_t(qBlue(row[x]))];
    }
    return luminance;
}

// Strokes on a transparent sheet: the ink is the opacity.
InkMap opacityOf(const QImage &image) {
    InkMap map{image.width(), image.height(),
               std::vector<float>(std::size_t(image.width()) * image.height())};
    for (int y = 0; y < map.height; ++y) {
        const auto *row = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        float *out = map.ink.data() + std::size_t(y) * std::size_t(map.width);
        for (int x = 0; x < map.width; ++x)
            out[x] = float(qAlpha(row[x])) / 255.0f;
    }
    return map;
}

// Each pixel's distance in luminance from paper of one brightness, in place.
InkMap distanceFrom(Luminance luminance, float paper) {
    const bool lightPaper = paper > 0.5f;
    InkMap map{luminance.width, luminance.height, std::move(luminance.values)};
    for (float &value : map.ink)
        value = std::max(0.0f, markOn(value, paper, lightPaper));
    return map;
}

// An opaque picture's sheet: its luminance, on a coarse grid too, the border's median brightness
// and whether that is plain paper (paper_background.h).
struct Sheet {
    Luminance luminance;
    BlockGrid grid;
    float paper = 0;
    bool plain = false;
};
Sheet sheetOf(const QImage &image) {
    Sheet sheet{luminanceOf(image), {}, borderMedianLuminance(image), false};
    sheet.grid = blockGridOf(sheet.luminance);
    sheet.plain = isPlainPaper(sheet.luminance, sheet.grid, sheet.paper, sheet.paper > 0.5f);
    return sheet;
}

// The ink of an opaque picture. Plain paper (the canvas, a scan) is read against one brightness,
// the border's median; a photographed sheet against its brightness place by place.
InkMap inkOfOpaque(const QImage &image, InkCoverage coverage) {
    Sheet sheet = sheetOf(image);
    Luminance &luminance = sheet.luminance;
    const float paper = sheet.paper;
    if (sheet.plain)
        return distanceFrom(std::move(luminance), paper);
    InkMap uneven = inkOnUnevenPaper(luminance, sheet.grid, coverage);
    if (*std::max_element(uneven.ink.begin(), uneven.ink.end()) >= kStrongestStroke)
        return uneven;
    // Bold strokes as wide as the window, on paper with a faint grey halo, can be left without a
    // stroke once the paper is estimated place by place. Read against one brightness, such a
    // picture has its strokes back; shading alone never stands out as far as a pen's ink.
    InkMap plain = distanceFrom(std::move(luminance), paper);
    if (*std::max_element(plain.ink.begin(), plain.ink.end()) >= kPenInk)
        return plain;
    return uneven;
}
} // namespace

InkMap extractInk(const QImage &source, InkCoverage coverage) {
    if (source.width() <= 0 || source.height() <= 0)
        throw Error(QStringLiteral("the image is empty"));
    const QImage image = asArgb32(source);
    InkMap map = hasTransparentPixels(image) ? opacityOf(image) : inkOfOpaque(image, coverage);
    const float strongest = *std::max_element(map.ink.begin(), map.ink.end());
    if (strongest < kStrongestStroke)
        throw Error(QStringLiteral("the image holds no ink (no stroke stands out from the paper)"));
    // Stretch so the strongest stroke is full ink, and drop faint noise such as JPEG ringing.
    const float gain = 1.0f / (strongest * (1.0f - kInkThreshold));
    const float offset = kInkThreshold / (1.0f - kInkThreshold);
    for (float &value : map.ink)
        value = std::clamp(value * gain - offset, 0.0f, 1.0f);
    return map;
}

bool isPhotographedPaper(const QImage &picture) {
    if (picture.width() <= 0 || picture.height() <= 0 ||
        qint64(picture.width()) * picture.height() > kMaxImagePixels)
        return false;
    const QImage image = asArgb32(reduceLargePicture(picture).image);
    return !hasTransparentPixels(image) && !sheetOf(image).plain;
}

} // namespace digitpad
