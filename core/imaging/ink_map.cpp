#include "ink_map.h"

#include "error.h"

#include <algorithm>

namespace digitpad {

namespace {
constexpr float kInkThreshold = 0.1f;

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

InkMap extractInk(const QImage &source) {
    if (source.width() <= 0 || source.height() <= 0)
        throw Error(QStringLiteral("the image is empty"));
    const QImage image = source.convertToFormat(QImage::Format_ARGB32);
    InkMap map{image.width(), image.height(),
               std::vector<float>(std::size_t(image.width()) * image.height())};
    bool transparentSheet = false;
    if (image.hasAlphaChannel()) {
        int transparent = 0;
        for (int y = 0; y < image.height(); ++y) {
            const auto *row = reinterpret_cast<const QRgb *>(image.constScanLine(y));
            for (int x = 0; x < image.width(); ++x)
                transparent += qAlpha(row[x]) < 128;
        }
        transparentSheet = transparent > 0;
    }
    const float paper = transparentSheet ? 0.0f : borderMedianLuminance(image);
    const bool lightPaper = paper > 0.5f;
    float strongest = 0.0f;
    for (int y = 0; y < image.height(); ++y) {
        const auto *row = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            float ink;
            if (transparentSheet) {
                ink = qAlpha(row[x]) / 255.0f;
            } else {
                const float l = luminance(row[x]);
                ink = std::max(0.0f, lightPaper ? paper - l : l - paper);
            }
            map.at(x, y) = ink;
            strongest = std::max(strongest, ink);
        }
    }
    if (strongest < 0.15f)
        throw Error(QStringLiteral("the image holds no ink (no stroke stands out from the paper)"));
    // Stretch so the strongest stroke is full ink, and drop faint noise such as JPEG ringing.
    for (float &value : map.ink)
        value =
            std::clamp((value / strongest - kInkThreshold) / (1.0f - kInkThreshold), 0.0f, 1.0f);
    return map;
}

} // namespace digitpad
