#include "digit_segmentation.h"

#include "error.h"
#include "ink_map.h"
#include "picture_reduction.h"
#include "preprocess.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <opencv2/imgproc.hpp>

namespace digitpad {

namespace {
constexpr float kStrokeLevel = 0.25f; // a pixel belongs to a stroke from here
// Wider than this (width over height), a piece may be digits that touch: alone, and among other
// pieces.
constexpr double kTouchingAspect = 1.05;
constexpr double kTouchingAspectInNumber = 0.75;
// No digit is wider than this over the height of the piece it is part of.
constexpr double kWidestDigit = 1.3;

struct Piece {
    QRect box; // in ink-map pixels
    int area = 0;
    std::vector<int> pixels; // indices into the ink map
};

// 8-connected pieces of stroke.
std::vector<Piece> connectedPieces(const InkMap &ink) {
    std::vector<int> label(ink.ink.size(), -1);
    std::vector<Piece> pieces;
    std::vector<int> stack;
    for (int start = 0; start < int(ink.ink.size()); ++start) {
        if (label[std::size_t(start)] >= 0 || ink.ink[std::size_t(start)] < kStrokeLevel)
            continue;
        Piece piece;
        const int id = int(pieces.size());
        label[std::size_t(start)] = id;
        stack.push_back(start);
        int left = ink.width, right = -1, top = ink.height, bottom = -1;
        while (!stack.empty()) {
            const int at = stack.back();
            stack.pop_back();
            piece.pixels.push_back(at);
            const int x = at % ink.width, y = at / ink.width;
            left = std::min(left, x);
            right = std::max(right, x);
            top = std::min(top, y);
            bottom = std::max(bottom, y);
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx) {
                    const int nx = x + dx, ny = y + dy;
                    if (nx < 0 || ny < 0 || nx >= ink.width || ny >= ink.height)
                        continue;
                    const int next = ny * ink.width + nx;
                    if (label[std::size_t(next)] < 0 &&
                        ink.ink[std::size_t(next)] >= kStrokeLevel) {
                        label[std::size_t(next)] = id;
                        stack.push_back(next);
                    }
                }
        }
        piece.box = QRect(QPoint(left, top), QPoint(right, bottom));
        piece.area = int(piece.pixels.size());
        pieces.push_back(std::move(piece));
    }
    return pieces;
}

void absorb(Piece &into, Piece &&piece) {
    into.box = into.box.united(piece.box);
    into.area += piece.area;
    into.pixels.insert(into.pixels.end(), piece.pixels.begin(), piece.pixels.end());
}

// Pieces that share most of their columns belong to one digit.
std::vector<Piece> joinOverlapping(std::vector<Piece> pieces) {
    std::sort(pieces.begin(), pieces.end(),
              [](const Piece &a, const Piece &b) { return a.box.left() < b.box.left(); });
    std::vector<Piece> digits;
    for (Piece &piece : pieces) {
        if (!digits.empty()) {
            Piece &last = digits.back();
            const int shared = std::min(last.box.right(), piece.box.right()) -
                               std::max(last.box.left(), piece.box.left()) + 1;
            const int narrower = std::min(last.box.width(), piece.box.width());
            if (shared >= 0.4 * narrower) {
                absorb(last, std::move(piece));
                continue;
            }
        }
        digits.push_back(std::move(piece));
    }
    return digits;
}

// A fragment (a stroke's end broken off, a loose tail) is much smaller and shorter than the
// digits around it: it joins the nearest of them instead of reading as a digit of its own.
// A flat one, a 5's bar written apart, may hold more ink, but no digit is that short. Chosen on
// validation numbers (bench_numbers validation) among 0.25, 0.35 and 0.45 of the digits'
// height; the numbers it mends had a 5 whose bar read as a "?" of its own.
constexpr double kFlatFragment = 0.35;
std::vector<Piece> joinFragments(std::vector<Piece> digits) {
    if (digits.size() < 2)
        return digits;
    std::vector<int> areas, heights;
    for (const Piece &digit : digits) {
        areas.push_back(digit.area);
        heights.push_back(digit.box.height());
    }
    std::nth_element(areas.begin(), areas.begin() + areas.size() / 2, areas.end());
    std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
    const double typicalArea = areas[areas.size() / 2];
    const double typicalHeight = heights[heights.size() / 2];
    const auto isFragment = [&](const Piece &piece) {
        const bool small =
            piece.area < 0.3 * typicalArea && piece.box.height() < 0.6 * typicalHeight;
        const bool flat =
            piece.box.height() < kFlatFragment * typicalHeight && piece.area < 0.6 * typicalArea;
        return small || flat;
    };
    std::vector<Piece> kept;
    std::vector<Piece> fragments;
    for (Piece &digit : digits)
        (isFragment(digit) ? fragments : kept).push_back(std::move(digit));
    if (kept.empty())
        return fragments;
    for (Piece &fragment : fragments) {
        const auto gap = [&fragment](const Piece &digit) {
            return std::max({0, digit.box.left() - fragment.box.right(),
                             fragment.box.left() - digit.box.right()});
        };
        auto nearest =
            std::min_element(kept.begin(), kept.end(),
                             [&](const Piece &a, const Piece &b) { return gap(a) < gap(b); });
        absorb(*nearest, std::move(fragment));
    }
    return kept;
}

// Columns where a piece that may be digits touching may be cut (relative to its box, where a new
// digit starts), each list best first: where the column's ink is least, and where the outline
// dips deepest from above or from below (two round digits that touch, 00 or 80, meet in a column
// of much ink, where their outlines dip towards each other).
struct CutCandidates {
    std::vector<double> column; // the ink of every column
    int apart = 0;              // how far places stay from each other and from the edges
    std::vector<int> thin, fromAbove, fromBelow;
    // The three lists in the order they take turns, which also breaks ties of rank.
    std::array<const std::vector<int> *, 3> ranked() const {
        return {&fromAbove, &fromBelow, &thin};
    }
};
CutCandidates cutCandidates(const Piece &piece, const InkMap &ink) {
    const int width = piece.box.width();
    CutCandidates found;
    std::vector<double> &column = found.column;
    column.assign(std::size_t(width), 0.0);
    std::vector<int> top(std::size_t(width), ink.height), bottom(std::size_t(width), -1);
    for (int at : piece.pixels) {
        const auto c = std::size_t(at % ink.width - piece.box.left());
        column[c] += ink.ink[std::size_t(at)];
        top[c] = std::min(top[c], at / ink.width);
        bottom[c] = std::max(bottom[c], at / ink.width);
    }
    // A 1 is narrow, but no digit is narrower than a pen's stroke or two.
    found.apart = std::max(3, int(0.06 * piece.box.height()));
    for (int c = found.apart; c < width - found.apart; ++c) {
        const auto at = std::size_t(c);
        const double smooth = column[at - 1] + column[at] + column[at + 1];
        if (smooth <= column[at - 2] + column[at - 1] + column[at] &&
            smooth <= column[at] + column[at + 1] + column[at + 2])
            found.thin.push_back(c);
        if (top[at] >= top[at - 1] && top[at] >= top[at + 1] && top[at] > piece.box.top())
            found.fromAbove.push_back(c);
        if (bottom[at] <= bottom[at - 1] && bottom[at] <= bottom[at + 1] &&
            bottom[at] < piece.box.bottom())
            found.fromBelow.push_back(c);
    }
    std::sort(found.thin.begin(), found.thin.end(),
              [&column](int a, int b) { return column[std::size_t(a)] < column[std::size_t(b)]; });
    std::sort(found.fromAbove.begin(), found.fromAbove.end(),
              [&top](int a, int b) { return top[std::size_t(a)] > top[std::size_t(b)]; });
    std::sort(found.fromBelow.begin(), found.fromBelow.end(),
              [&bottom](int a, int b) { return bottom[std::size_t(a)] < bottom[std::size_t(b)]; });
    return found;
}

// The best candidate strictly inside (from, to), at least `apart` from both: the one of best rank
// in any list, or failing all, the column of least ink there. -1 when the stretch is too narrow.
int bestPlaceWithin(const CutCandidates &candidates, int from, int to) {
    const int first = from + candidates.apart, last = to - candidates.apart;
    if (first > last)
        return -1;
    int chosen = -1;
    std::size_t chosenRank = SIZE_MAX;
    for (const std::vector<int> *list : candidates.ranked()) {
        const auto inside = std::find_if(list->begin(), list->end(),
                                         [&](int c) { return c >= first && c <= last; });
        const auto rank = std::size_t(inside - list->begin());
        if (inside != list->end() && rank < chosenRank) {
            chosen = *inside;
            chosenRank = rank;
        }
    }
    if (chosen >= 0)
        return chosen;
    const auto least =
        std::min_element(candidates.column.begin() + first, candidates.column.begin() + last + 1);
    return int(least - candidates.column.begin());
}

// Where a piece that may be digits touching may be cut, left to right: the candidates taken in
// turn from each list, best first, at most kCutPlaces of them; then, while some stretch of the
// piece is wider than kLongestUncut times its height, the best candidate inside it (the best
// places of a long number may all gather at one end, and a path through the lattice cannot
// cross a stretch wider than a digit).
constexpr std::size_t kCutPlaces = 8;
constexpr double kLongestUncut = 0.6;
std::vector<int> cutColumns(const Piece &piece, const InkMap &ink) {
    const CutCandidates candidates = cutCandidates(piece, ink);
    const int apart = candidates.apart;
    std::vector<int> places;
    for (std::size_t rank = 0; places.size() < kCutPlaces; ++rank) {
        bool any = false;
        for (const std::vector<int> *list : candidates.ranked()) {
            if (rank >= list->size() || places.size() == kCutPlaces)
                continue;
            any = true;
            const int c = (*list)[rank];
            if (std::all_of(places.begin(), places.end(),
                            [&](int place) { return std::abs(place - c) >= apart; }))
                places.push_back(c);
        }
        if (!any)
            break;
    }
    std::sort(places.begin(), places.end());
    const int longest = int(kLongestUncut * piece.box.height());
    for (;;) {
        // The widest stretch between places, the box's edges included.
        int from = 0, to = 0, previous = 0;
        for (std::size_t k = 0; k <= places.size(); ++k) {
            const int next = k < places.size() ? places[k] : piece.box.width();
            if (next - previous > to - from) {
                from = previous;
                to = next;
            }
            previous = next;
        }
        const int place = to - from > longest ? bestPlaceWithin(candidates, from, to) : -1;
        if (place < 0)
            break;
        places.insert(std::upper_bound(places.begin(), places.end(), place), place);
    }
    return places;
}

// Where a cut runs in each row of a piece's box: a digit starts at that column (relative to the
// box) in that row.
using CutPath = std::vector<int>;

// The cut near `column` that crosses the least ink, top to bottom, moving at most a column a row
// and at most a fifth of the piece's height away: digits that touch lean into each other, so a
// straight cut through where they meet would leave a bit of each in the other's slice.
CutPath leastInkCut(const InkMap &pieceInk, int column) {
    const int width = pieceInk.width, height = pieceInk.height;
    const int reach = std::max(2, height / 5);
    const int from = std::max(1, column - reach), to = std::min(width - 1, column + reach);
    const int span = to - from + 1;
    // A step aside costs a little, so that among equal cuts the straighter one wins.
    constexpr float kStepAside = 0.1f;
    std::vector<float> cost(std::size_t(span) * std::size_t(height));
    std::vector<signed char> step(cost.size(), 0);
    const auto index = [span](int x, int y) {
        return std::size_t(y) * std::size_t(span) + std::size_t(x);
    };
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < span; ++x) {
            float best = 0.0f;
            if (y > 0) {
                best = cost[index(x, y - 1)];
                for (const int side : {-1, 1}) {
                    const int previous = x + side;
                    if (previous >= 0 && previous < span &&
                        cost[index(previous, y - 1)] + kStepAside < best) {
                        best = cost[index(previous, y - 1)] + kStepAside;
                        step[index(x, y)] = static_cast<signed char>(side);
                    }
                }
            } else {
                best = kStepAside * float(std::abs(from + x - column));
            }
            cost[index(x, y)] = best + pieceInk.at(from + x, y);
        }
    int x = 0;
    for (int candidate = 1; candidate < span; ++candidate)
        if (cost[index(candidate, height - 1)] < cost[index(x, height - 1)])
            x = candidate;
    CutPath path(static_cast<std::size_t>(height), 0);
    for (int y = height - 1; y >= 0; --y) {
        path[std::size_t(y)] = from + x;
        x += step[index(x, y)];
    }
    return path;
}

// Paper that the piece's strokes enclose (the inside of a 0, the lens where two 0s overlap)
// counts as ink: a cut through a loop's inside crosses its stroke only twice, yet halves a digit.
void markHoles(InkMap &pieceInk) {
    cv::Mat paper(pieceInk.height + 2, pieceInk.width + 2, CV_8U, cv::Scalar(255));
    for (int y = 0; y < pieceInk.height; ++y)
        for (int x = 0; x < pieceInk.width; ++x)
            if (pieceInk.at(x, y) >= kStrokeLevel)
                paper.at<uchar>(y + 1, x + 1) = 0;
    cv::floodFill(paper, cv::Point(0, 0), cv::Scalar(128), nullptr, cv::Scalar(), cv::Scalar(), 4);
    for (int y = 0; y < pieceInk.height; ++y)
        for (int x = 0; x < pieceInk.width; ++x)
            if (paper.at<uchar>(y + 1, x + 1) == 255)
                pieceInk.at(x, y) = 1.0f;
}

// The cuts of a piece at its places (columns, left to right), the box's edges as straight cuts
// first and last; a cut never crosses the one before it. A cut bends only where that crosses
// clearly less ink than the straight column: where both cross about as much, the column is where
// the outlines dip, chosen for it. Chosen on touching validation numbers (bench_numbers
// validation --touching) among 0.5, 0.7 and always, with plain numbers read as before.
constexpr double kBendsWhenCheaper = 0.7;
std::vector<CutPath> cutPaths(const Piece &piece, const InkMap &ink,
                              const std::vector<int> &places) {
    const auto height = std::size_t(piece.box.height());
    // The piece's own ink in its box: another piece that reaches into the box is not in the way.
    InkMap pieceInk{piece.box.width(), piece.box.height(),
                    std::vector<float>(height * std::size_t(piece.box.width()), 0.0f)};
    for (int at : piece.pixels)
        pieceInk.ink[std::size_t(at / ink.width - piece.box.top()) * std::size_t(pieceInk.width) +
                     std::size_t(at % ink.width - piece.box.left())] = ink.ink[std::size_t(at)];
    markHoles(pieceInk);
    std::vector<CutPath> paths;
    paths.push_back(CutPath(height, 0));
    for (const int column : places) {
        CutPath path = leastInkCut(pieceInk, column);
        double bent = 0.0, straight = 0.0;
        for (std::size_t y = 0; y < height; ++y) {
            bent += pieceInk.at(path[y], int(y));
            straight += pieceInk.at(column, int(y));
        }
        if (bent >= kBendsWhenCheaper * straight)
            path.assign(height, column);
        for (std::size_t y = 0; y < height; ++y)
            path[y] = std::max(path[y], paths.back()[y]);
        paths.push_back(std::move(path));
    }
    paths.push_back(CutPath(height, piece.box.width()));
    return paths;
}

// The piece's ink between two cuts, or nothing.
Piece slicePiece(const Piece &piece, const CutPath &from, const CutPath &to, const InkMap &ink) {
    Piece slice;
    int left = ink.width, right = -1, top = ink.height, bottom = -1;
    for (int at : piece.pixels) {
        const int x = at % ink.width, relative = x - piece.box.left();
        const auto row = std::size_t(at / ink.width - piece.box.top());
        if (relative < from[row] || relative >= to[row])
            continue;
        slice.pixels.push_back(at);
        left = std::min(left, x);
        right = std::max(right, x);
        top = std::min(top, at / ink.width);
        bottom = std::max(bottom, at / ink.width);
    }
    slice.box = QRect(QPoint(left, top), QPoint(right, bottom));
    slice.area = int(slice.pixels.size());
    return slice;
}

// A picture with at least this many specks is sprinkled with noise (grain, salt and pepper,
// dust): read whole, the specks would frame a digit as a small part of a speckled square, and
// clusters of them would read as digits. Fewer specks are marks of the figure (the dot of an i
// or a !) and stay.
constexpr std::size_t kSprinkled = 3;

int tallestOf(const std::vector<Piece> &pieces) {
    int tallest = 0;
    for (const Piece &piece : pieces)
        tallest = std::max(tallest, piece.box.height());
    return tallest;
}

// Drops the specks among `pieces`, far smaller than the largest piece in both ink and height;
// returns how many there were.
std::size_t dropSpecks(std::vector<Piece> &pieces) {
    const int tallest = tallestOf(pieces);
    int largestArea = 0;
    for (const Piece &piece : pieces)
        largestArea = std::max(largestArea, piece.area);
    const std::size_t before = pieces.size();
    pieces.erase(std::remove_if(pieces.begin(), pieces.end(),
                                [&](const Piece &piece) {
                                    return piece.area < 0.04 * largestArea &&
                                           piece.box.height() < 0.25 * tallest;
                                }),
                 pieces.end());
    return before - pieces.size();
}

// The ink of a sprinkled picture without its noise: a median filter as wide as a pixel of
// MNIST's 20-pixel digit box is for a digit as tall as the tallest piece, so that the strokes
// of that digit stay.
InkMap denoised(const InkMap &ink, int tallest) {
    const int window = std::max(3, (tallest / kDigitBox) | 1);
    cv::Mat bytes;
    cv::Mat(ink.height, ink.width, CV_32F, const_cast<float *>(ink.ink.data()))
        .convertTo(bytes, CV_8U, 255.0);
    cv::Mat filtered;
    cv::medianBlur(bytes, filtered, std::min(window, 255));
    InkMap clean{ink.width, ink.height, std::vector<float>(ink.ink.size())};
    filtered.convertTo(cv::Mat(ink.height, ink.width, CV_32F, clean.ink.data()), CV_32F,
                       1.0 / 255.0);
    return clean;
}

// The margin of paper inkImage() leaves around a digit, in ink-map pixels.
constexpr int kInkImageMargin = 2;

// The digit's own ink, with a margin, as black of that opacity on a transparent sheet: what
// preprocessImage() expects, and read as the ink it already is (dark on white, the paper would be
// judged again, and a rim of faint ink at the margin taken for a band of shade).
QImage inkImage(const Piece &digit, const InkMap &ink) {
    constexpr int margin = kInkImageMargin;
    QImage image(digit.box.width() + 2 * margin, digit.box.height() + 2 * margin,
                 QImage::Format_ARGB32);
    image.fill(Qt::transparent);
    const auto opacity = [](float value) { return int(std::lround(value * 255)); };
    const auto darken = [&image](int x, int y, int alpha) {
        QRgb &pixel = reinterpret_cast<QRgb *>(image.scanLine(y))[x];
        pixel = qRgba(0, 0, 0, std::max(qAlpha(pixel), alpha));
    };
    for (int at : digit.pixels)
        darken(at % ink.width - digit.box.left() + margin,
               at / ink.width - digit.box.top() + margin, opacity(ink.ink[std::size_t(at)]));
    // Anti-aliased rims below the stroke level join the piece they touch.
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const int sx = x + digit.box.left() - margin, sy = y + digit.box.top() - margin;
            if (sx < 0 || sy < 0 || sx >= ink.width || sy >= ink.height)
                continue;
            const float value = ink.at(sx, sy);
            if (value > 0.0f && value < kStrokeLevel)
                darken(x, y, opacity(value));
        }
    return image;
}

// From the ink map's pixels (a reduced picture's) to the picture's.
struct InkToPicture {
    int stride = 1;
    QRect box(const QRect &inInk) const {
        return QRect(inInk.left() * stride, inInk.top() * stride, inInk.width() * stride,
                     inInk.height() * stride);
    }
    // From the pixels of inkImage(piece).
    QTransform ofInkImage(const Piece &piece) const {
        const QPoint origin = piece.box.topLeft() - QPoint(kInkImageMargin, kInkImageMargin);
        return QTransform(stride, 0, 0, stride, stride * origin.x(), stride * origin.y());
    }
};

// The places a piece may be cut at, and its ink between any two of them that are no further
// apart than a digit is wide (but the whole piece).
CutLattice cutLattice(const Piece &piece, const InkMap &ink, const InkToPicture &toPicture) {
    std::vector<int> places = cutColumns(piece, ink);
    const std::vector<CutPath> paths = cutPaths(piece, ink, places);
    places.insert(places.begin(), 0);
    places.push_back(piece.box.width());
    CutLattice lattice;
    lattice.places = int(places.size());
    for (std::size_t from = 0; from + 1 < places.size(); ++from)
        for (std::size_t to = from + 1; to < places.size(); ++to) {
            if (from == 0 && to + 1 == places.size())
                continue; // the whole piece
            if (places[to] - places[from] > kWidestDigit * piece.box.height())
                break;
            const Piece slice = slicePiece(piece, paths[from], paths[to], ink);
            if (slice.pixels.empty())
                continue;
            lattice.slices.push_back({int(from),
                                      int(to),
                                      {toPicture.box(slice.box),
                                       inkImage(slice, ink),
                                       toPicture.ofInkImage(slice),
                                       {},
                                       {}}});
        }
    return lattice;
}
} // namespace

std::vector<DigitSegment> segmentDigits(const QImage &picture, InkCoverage coverage) {
    checkPictureSize(picture);
    const ReducedPicture reduced = reduceLargePicture(picture);
    InkMap ink = extractInk(reduced.image, coverage);
    std::vector<Piece> pieces = connectedPieces(ink);
    if (pieces.empty())
        throw Error(QStringLiteral("the image holds no ink"));
    const int tallest = tallestOf(pieces);
    std::size_t specks = dropSpecks(pieces);
    if (specks >= kSprinkled) {
        // Noise all over: the pieces are found again once it is filtered out, and every digit,
        // even one alone, is read in that ink. A filter that leaves no stroke (a fine pen among
        // the specks) is ignored.
        InkMap clean = denoised(ink, tallest);
        std::vector<Piece> cleanPieces = connectedPieces(clean);
        if (!cleanPieces.empty()) {
            dropSpecks(cleanPieces);
            ink = std::move(clean);
            pieces = std::move(cleanPieces);
        } else {
            specks = 0;
        }
    }
    const std::vector<Piece> digits = joinFragments(joinOverlapping(std::move(pieces)));
    const InkToPicture toPicture{reduced.stride};
    std::vector<DigitSegment> segments;
    for (const Piece &digit : digits) {
        DigitSegment segment{toPicture.box(digit.box), picture, {}, {}, {}};
        if (digits.size() > 1 || specks >= kSprinkled) {
            segment.image = inkImage(digit, ink);
            segment.imageToPicture = toPicture.ofInkImage(digit);
        }
        // Among other pieces, as wide as a wide digit may already be two narrow ones touching
        // (a 1 and a 7); alone, a piece that wide is more likely a letter or a figure.
        const double aspect = double(digit.box.width()) / digit.box.height();
        if (aspect > (digits.size() > 1 ? kTouchingAspectInNumber : kTouchingAspect))
            segment.cuts = cutLattice(digit, ink, toPicture);
        segments.push_back(std::move(segment));
    }
    if (digits.size() == 1 && specks < kSprinkled)
        segments.front().pictureInk = DigitSegment::FoundInk{std::move(ink), reduced.stride};
    return segments;
}

} // namespace digitpad
