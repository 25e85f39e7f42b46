// writeNumber(): a layout unlike bench_numbers' (there: one size for the whole number, boxes
// side by side at a box-to-box gap, centres jittered). Here each digit has its own size, sits on a
// baseline that slopes and wavers, and the space to its neighbour is measured from ink to ink, row
// by row, so a digit may tuck under an overhang or touch its neighbour.
#include "judge_sets.h"

#include <algorithm>
#include <climits>
#include <cmath>

namespace {
struct PlacedDigit {
    Coverage coverage;
    QRect ink;
    int left = 0, top = 0; // in the number's picture
};

// Leftmost (or rightmost) half-covered pixel of every row of `coverage`, or -1.
std::vector<int> inkEdges(const Coverage &coverage, bool leftmost) {
    std::vector<int> edges(std::size_t(coverage.height), -1);
    for (int y = 0; y < coverage.height; ++y)
        for (int x = 0; x < coverage.width; ++x)
            if (coverage.at(x, y) >= 0.5f) {
                if (leftmost && edges[std::size_t(y)] < 0)
                    edges[std::size_t(y)] = x;
                if (!leftmost)
                    edges[std::size_t(y)] = x;
            }
    return edges;
}
} // namespace

QImage writeNumber(const std::vector<const std::uint8_t *> &digits, QRandomGenerator &random) {
    const RedrawPen pen = randomRedrawPen(random); // one person, one pen
    const double base = uniform(random, 80, 180);  // a middle-sized digit's 28-px box, in px
    const double slope = std::tan(uniform(random, -7, 7) * kPi / 180);
    std::vector<PlacedDigit> placed;
    int highest = INT_MAX, lowest = INT_MIN;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        PlacedDigit digit;
        digit.coverage = redrawDigit(digits[i], int(base * uniform(random, 0.8, 1.2)), pen);
        digit.ink = digit.coverage.inkBounds();
        // Bottoms on the baseline: a slope across the number and a waver from digit to digit.
        const double baseline =
            double(i) * 0.8 * base * slope + uniform(random, -0.07, 0.07) * base;
        digit.top = int(std::lround(baseline)) - digit.ink.bottom();
        highest = std::min(highest, digit.top + digit.ink.top());
        lowest = std::max(lowest, digit.top + digit.ink.bottom());
        placed.push_back(digit);
    }
    const int marginLeft = between(random, 15, 100), marginTop = between(random, 15, 100);
    const int height = lowest - highest + 1 + marginTop + between(random, 15, 100);
    // Per row of the picture, the rightmost ink so far.
    std::vector<int> rightmost(std::size_t(height), INT_MIN);
    int inkRight = 0;
    for (std::size_t i = 0; i < placed.size(); ++i) {
        PlacedDigit &digit = placed[i];
        digit.top += marginTop - highest;
        if (i == 0) {
            digit.left = marginLeft - digit.ink.left();
        } else {
            // Touching (down to 2 px overlapping) a quarter of the time, else a space.
            const int space = random.bounded(4) == 0 ? -between(random, 0, 2)
                                                     : int(uniform(random, 0.05, 0.45) * base);
            // Never more than a small overhang past the previous digit's ink box.
            digit.left = inkRight + 1 + space - digit.ink.left() - int(0.1 * base);
            const std::vector<int> leftEdges = inkEdges(digit.coverage, true);
            for (int y = 0; y < digit.coverage.height; ++y) {
                const int row = digit.top + y;
                if (leftEdges[std::size_t(y)] >= 0 && row >= 0 && row < height &&
                    rightmost[std::size_t(row)] != INT_MIN)
                    digit.left = std::max(digit.left, rightmost[std::size_t(row)] + 1 + space -
                                                          leftEdges[std::size_t(y)]);
            }
        }
        const std::vector<int> rightEdges = inkEdges(digit.coverage, false);
        for (int y = 0; y < digit.coverage.height; ++y) {
            const int row = digit.top + y;
            if (rightEdges[std::size_t(y)] >= 0 && row >= 0 && row < height)
                rightmost[std::size_t(row)] =
                    std::max(rightmost[std::size_t(row)], digit.left + rightEdges[std::size_t(y)]);
        }
        inkRight = std::max(inkRight, digit.left + digit.ink.right());
    }
    Coverage picture;
    picture.width = inkRight + 1 + between(random, 15, 100);
    picture.height = height;
    picture.values.assign(std::size_t(picture.width) * std::size_t(picture.height), 0.0f);
    for (const PlacedDigit &digit : placed)
        stamp(picture, digit.coverage, digit.left, digit.top);
    return paint(picture, randomInkAndPaper(random));
}
