#include "bubble_digits.h"

#include <algorithm>
#include <limits>
#include <vector>

namespace {
constexpr int kSide = 28;

// Chamfer distance (3-4 weights, in pixels) from every pixel to the nearest one of `inSet`.
std::vector<float> distanceTo(const std::vector<bool> &inSet, int width, int height) {
    constexpr float kFar = std::numeric_limits<float>::max() / 4;
    constexpr float kStraight = 1.0f, kDiagonal = 4.0f / 3.0f;
    std::vector<float> distance(inSet.size());
    for (std::size_t i = 0; i < inSet.size(); ++i)
        distance[i] = inSet[i] ? 0.0f : kFar;
    const auto at = [&](int x, int y) -> float & { return distance[std::size_t(y) * width + x]; };
    const auto relax = [&](int x, int y, int dx, int dy, float step) {
        const int nx = x + dx, ny = y + dy;
        if (nx >= 0 && ny >= 0 && nx < width && ny < height)
            at(x, y) = std::min(at(x, y), at(nx, ny) + step);
    };
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            relax(x, y, -1, 0, kStraight);
            relax(x, y, 0, -1, kStraight);
            relax(x, y, -1, -1, kDiagonal);
            relax(x, y, 1, -1, kDiagonal);
        }
    for (int y = height - 1; y >= 0; --y)
        for (int x = width - 1; x >= 0; --x) {
            relax(x, y, 1, 0, kStraight);
            relax(x, y, 0, 1, kStraight);
            relax(x, y, 1, 1, kDiagonal);
            relax(x, y, -1, 1, kDiagonal);
        }
    return distance;
}

double uniform(QRandomGenerator &random, double low, double high) {
    return low + (high - low) * random.generateDouble();
}
} // namespace

QImage bubbleDigit(const std::uint8_t *digit, QRandomGenerator &random) {
    QImage small(kSide, kSide, QImage::Format_Grayscale8);
    for (int y = 0; y < kSide; ++y)
        std::copy_n(digit + std::ptrdiff_t(y) * kSide, kSide, small.scanLine(y));
    const double factor = uniform(random, 8, 14);
    const int side = int(kSide * factor);
    const QImage large = small.scaled(side, side, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    std::vector<bool> ink(std::size_t(side) * side);
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x)
            ink[std::size_t(y) * side + x] = large.constScanLine(y)[x] >= 128;
    // Bold: grown by half to one and a half of MNIST's pixels on each side.
    const float grow = float(uniform(random, 0.5, 1.5) * factor);
    const std::vector<float> toInk = distanceTo(ink, side, side);
    std::vector<bool> paper(ink.size());
    for (std::size_t i = 0; i < ink.size(); ++i)
        paper[i] = toInk[i] > grow;
    // The outline: the bold digit's pixels near its paper, with a pen of 1.2-4 % of the digit.
    const float pen = std::max(2.0f, float(uniform(random, 0.012, 0.04) * 20 * factor));
    const std::vector<float> toPaper = distanceTo(paper, side, side);
    QImage picture(side, side, QImage::Format_Grayscale8);
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x) {
            const float inside = toPaper[std::size_t(y) * side + x];
            picture.scanLine(y)[x] = inside > 0 && inside <= pen ? 20 : 245;
        }
    return picture;
}
