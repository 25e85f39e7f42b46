#include "activation_pictures.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

namespace {
constexpr int kGap = 2;

float largestMagnitude(const float *values, std::size_t count) {
    float largest = 0;
    for (std::size_t i = 0; i < count; ++i)
        largest = std::max(largest, std::abs(values[i]));
    return largest > 0 ? largest : 1.0f;
}

// Big maps (the 28x28 input) still get two screen pixels per value, so they stay readable.
int pixelsPerValue(int height, int width, int cell) {
    return std::max(height >= 28 ? 2 : 1, cell / std::max(height, width));
}

// One map (height x width values) painted into `target` at `origin`, each value a square.
void paintMap(QImage &target, QPoint origin, const float *values, int height, int width, int cell,
              float scale, bool isSigned) {
    const int pixel = pixelsPerValue(height, width, cell);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const float value =
                values[std::size_t(y) * std::size_t(width) + std::size_t(x)] / scale;
            const QRgb colour = isSigned ? signedColour(value) : intensityColour(value);
            for (int dy = 0; dy < pixel; ++dy) {
                auto *row = reinterpret_cast<QRgb *>(target.scanLine(origin.y() + y * pixel + dy));
                const std::ptrdiff_t left = std::ptrdiff_t(origin.x()) + std::ptrdiff_t(x) * pixel;
                std::fill(row + left, row + left + pixel, colour);
            }
        }
}

QImage grid(int count, int columns, int cellWidth, int cellHeight) {
    const int rows = (count + columns - 1) / columns;
    QImage image(columns * (cellWidth + kGap) + kGap, rows * (cellHeight + kGap) + kGap,
                 QImage::Format_RGB32);
    image.fill(QColor(64, 64, 64));
    return image;
}
} // namespace

QRgb signedColour(float value) {
    const float v = std::clamp(value, -1.0f, 1.0f);
    const int fade = int(std::lround(255 * (1 - std::abs(v))));
    return v >= 0 ? qRgb(255, fade, fade) : qRgb(fade, fade, 255);
}

QRgb intensityColour(float value) {
    const float v = std::clamp(value, 0.0f, 1.0f);
    // black -> red -> yellow: the "hot" scale, where stronger reads brighter
    return qRgb(int(std::lround(255 * std::min(1.0f, 2 * v))),
                int(std::lround(255 * std::max(0.0f, 2 * v - 1))), 0);
}

QImage layerPicture(const digitpad::LayerActivation &layer, int maxChannels, int cell) {
    const bool isSigned = layer.name == QStringLiteral("logits");
    const std::size_t mapSize = std::size_t(layer.height) * std::size_t(layer.width);
    const float scale = largestMagnitude(layer.values.data(), layer.values.size());
    if (mapSize == 1) { // dense units: one cell each, in their own order (no sorting)
        const int columns = std::min(layer.channels, 32);
        const int side = std::max(8, cell / 3);
        QImage image = grid(layer.channels, columns, side, side);
        for (int unit = 0; unit < layer.channels; ++unit)
            paintMap(image,
                     QPoint(kGap + (unit % columns) * (side + kGap),
                            kGap + (unit / columns) * (side + kGap)),
                     &layer.values[std::size_t(unit)], 1, 1, side, scale, isSigned);
        return image;
    }
    const int shown = std::min<int>(maxChannels, int(layer.strongest.size()));
    const int columns = std::min(shown, 8);
    const int pixel = pixelsPerValue(layer.height, layer.width, cell);
    QImage image = grid(shown, columns, layer.width * pixel, layer.height * pixel);
    for (int i = 0; i < shown; ++i) {
        const int channel = layer.strongest[std::size_t(i)];
        paintMap(image,
                 QPoint(kGap + (i % columns) * (layer.width * pixel + kGap),
                        kGap + (i / columns) * (layer.height * pixel + kGap)),
                 &layer.values[std::size_t(channel) * mapSize], layer.height, layer.width, cell,
                 scale, false);
    }
    return image;
}

QImage filterPicture(const digitpad::FilterBank &filters, int cell) {
    const std::size_t size = std::size_t(filters.height) * std::size_t(filters.width);
    const int columns = std::min(filters.count, filters.height > 10 ? 16 : 8);
    const int pixel = pixelsPerValue(filters.height, filters.width, cell);
    QImage image = grid(filters.count, columns, filters.width * pixel, filters.height * pixel);
    for (int i = 0; i < filters.count; ++i) {
        const float *values = filters.values.data() + std::size_t(i) * size;
        paintMap(image,
                 QPoint(kGap + (i % columns) * (filters.width * pixel + kGap),
                        kGap + (i / columns) * (filters.height * pixel + kGap)),
                 values, filters.height, filters.width, cell, largestMagnitude(values, size), true);
    }
    return image;
}
