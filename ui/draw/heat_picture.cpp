#include "heat_picture.h"

#include <algorithm>
#include <cmath>

namespace {
using digitpad::kImageSide;

// The strongest heat is this opaque, so that the ink under it stays readable.
constexpr float kStrongestAlpha = 170;

float at(const digitpad::Heatmap &heat, int x, int y) {
    return heat[std::size_t(std::clamp(y, 0, kImageSide - 1)) * kImageSide +
                std::size_t(std::clamp(x, 0, kImageSide - 1))];
}

// A [1 2 1] / 4 blur across and down: a step between two patch positions becomes a ramp
// from the middle of one to the middle of the next, which bilinear sampling then draws
// without seams.
digitpad::Heatmap blurred(const digitpad::Heatmap &heat) {
    digitpad::Heatmap across{};
    for (int y = 0; y < kImageSide; ++y)
        for (int x = 0; x < kImageSide; ++x)
            across[std::size_t(y) * kImageSide + std::size_t(x)] =
                (at(heat, x - 1, y) + 2 * at(heat, x, y) + at(heat, x + 1, y)) / 4;
    digitpad::Heatmap both{};
    for (int y = 0; y < kImageSide; ++y)
        for (int x = 0; x < kImageSide; ++x)
            both[std::size_t(y) * kImageSide + std::size_t(x)] =
                (at(across, x, y - 1) + 2 * at(across, x, y) + at(across, x, y + 1)) / 4;
    return both;
}

// The heat at a point of the input in pixel units (pixel centres at +0.5), interpolated
// between the four nearest pixels.
float sampled(const digitpad::Heatmap &heat, float x, float y) {
    const float left = std::floor(x - 0.5f);
    const float top = std::floor(y - 0.5f);
    const float right = x - 0.5f - left;
    const float down = y - 0.5f - top;
    const int column = int(left);
    const int row = int(top);
    const float upper = at(heat, column, row) * (1 - right) + at(heat, column + 1, row) * right;
    const float lower =
        at(heat, column, row + 1) * (1 - right) + at(heat, column + 1, row + 1) * right;
    return upper * (1 - down) + lower * down;
}
} // namespace

QImage heatPicture(const digitpad::Heatmap &heat, int finer) {
    const digitpad::Heatmap smooth = blurred(heat);
    float strongest = 1e-6f;
    for (float value : smooth)
        strongest = std::max(strongest, std::abs(value));
    const int side = kImageSide * finer;
    QImage picture(side, side, QImage::Format_ARGB32);
    for (int y = 0; y < side; ++y) {
        auto *line = reinterpret_cast<QRgb *>(picture.scanLine(y));
        for (int x = 0; x < side; ++x) {
            const float value = sampled(smooth, (float(x) + 0.5f) / float(finer),
                                        (float(y) + 0.5f) / float(finer)) /
                                strongest;
            const int alpha = int(std::lround(std::min(1.0f, std::abs(value)) * kStrongestAlpha));
            line[x] = value >= 0 ? qRgba(230, 40, 30, alpha) : qRgba(40, 90, 230, alpha);
        }
    }
    return picture;
}
