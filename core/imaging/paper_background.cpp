#include "paper_background.h"

#include "stroke_width.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace digitpad {

namespace {
// Blocks along the picture's longer side: fine enough to follow a shadow's edge, coarse enough
// to cost little on every pen move.
constexpr int kGridCells = 64;
// The widest stroke a digit may have, as a share of the picture's shorter side: marks narrower
// than this are ink, wider ones the paper's shading. A digit filling a soft photo, its edges
// blurred and then widened by the reduction of a large picture, has strokes near a third of it.
constexpr double kWidestStroke = 0.4;
// A narrower window follows a shadow's shape better: once the strokes are found, the paper is
// estimated again with a window this many times wider than they are, and at least this share of
// the shorter side.
constexpr double kWindowOverStroke = 3.0;
constexpr double kNarrowestWindow = 0.1;
// Blocks across which a shadow's hard edge is smeared on the grid (odd).
constexpr int kEdgeReach = 3;
// Two luminances this close are the same paper (5 grey levels).
constexpr float kSamePaper = 0.02f;
// Paper is grainy when this share of its blocks vary on their own.
constexpr double kGrainyShare = 0.02;
// A border is uniform when this share of it is the same paper.
constexpr double kUniformBorder = 0.9;
// Marks crossing the border (more than grain or JPEG noise: this far from the paper) over this
// share of it, none as strong as this share of the strongest ink, are shade, not strokes; only
// on a border that is mostly paper.
constexpr float kBorderMark = 0.1f;
constexpr double kShadeStretch = 0.025;
constexpr float kShadeBelowInk = 0.75f;
constexpr double kMostlyPaper = 0.75;
// Paper darker than this is divided by this instead: a black board's noise would explode.
constexpr float kDarkestPaper = 0.05f;
// Ink stands this many deviations of the paper's grain above the paper, and at least this much.
constexpr double kGrainDeviations = 4.0;
constexpr float kFaintestInk = 0.02f;
// Read as dense ink, the floor is at most this share of the strong ink: the contrast that
// kStrongInk of the picture stays under, so that a few extreme pixels decide nothing. Chosen on
// bench_photos' "cropped tightly" tuning pictures, where a higher share drops paler strokes.
constexpr float kDenseInkFloor = 0.3f;
constexpr double kStrongInk = 0.99;
// A speck is far smaller than the largest piece in both area and height (as in segmentation).
constexpr double kSpeckArea = 0.04;
constexpr double kSpeckHeight = 0.25;
// Where the largest piece clear of the frame has this share of the ink of the largest piece
// touching it, the strokes are the pieces clear of the frame (a speck clear of it says nothing).
constexpr double kInsideShare = 0.1;
// A notebook's printed lines: straight segments this share of the picture long (a few pixels may
// be missing, this share of it), this steep at most, drawn over this many pixels when erased.
constexpr double kAcrossThePicture = 0.9;
constexpr double kLineGap = 0.01;
constexpr double kLinePiece = 0.25; // the shortest piece of a line looked for
constexpr int kSameLine = 2;        // pieces this many pixels apart across are one line
constexpr double kLineSlope = 0.1;
constexpr int kLineThickness = 5;
constexpr double kUnbroken = 0.9; // share of a printed line's length that is inked
// A piece whose strongest pixel is this faint next to the strongest piece's is not a stroke.
constexpr float kFaintPiece = 0.35f;
// A stroke's core is at least this share of the strongest ink; its rim, this many pixels around
// the core, may be fainter.
constexpr double kCore = 0.2;
constexpr int kRim = 2;
// Ink is darker than the darkest paper around it by this share; around is this share of the
// picture's shorter side, wide enough to reach past a filled-in shadow corner's blurred rim.
constexpr double kAround = 0.06;
constexpr float kStandsOut = 0.15f;
// Light ink is always in doubt: the dark reading wins when it keeps this many times the ink, as
// strong as this at its strongest.
constexpr double kFarMoreInk = 2.0;
constexpr float kPenLikeInk = 0.5f;

cv::Mat gridValues(const BlockGrid &grid, const std::vector<float> &values) {
    return cv::Mat(values, true).reshape(1, grid.rows);
}

// Blocks across a window wider than the widest stroke, odd.
int strokeWindow(const BlockGrid &grid, double widest = 0) {
    if (widest <= 0)
        widest = kWidestStroke * std::min(grid.width, grid.height);
    return 2 * int(std::ceil(widest / grid.blockSize / 2)) + 1;
}

// The paper's brightness on the grid: every mark narrower than the widest stroke is removed, dark
// marks by a grey-level closing (a maximum, then a minimum, over a window wider than a stroke),
// light ones by an opening. Edges of shadows wider than the window stay where they are.
cv::Mat paperOnGrid(const BlockGrid &grid, bool darkInk, double widest = 0) {
    const int window = strokeWindow(grid, widest);
    cv::Mat paper;
    // Beyond the picture the paper goes on as at its edge, so that a shadow ending at the edge is
    // not taken for a mark narrower than the window.
    cv::morphologyEx(gridValues(grid, grid.mean), paper, darkInk ? cv::MORPH_CLOSE : cv::MORPH_OPEN,
                     cv::getStructuringElement(cv::MORPH_RECT, {window, window}), {-1, -1}, 1,
                     cv::BORDER_REPLICATE);
    return paper;
}

// How strongly the picture says its ink is darker than the paper, in [0, 1]: within each block,
// how far the darkest pixel lies below the paper around it, against how far the brightest lies
// above, summed over the picture. The paper around a block is the median over a stroke's width,
// since paper is most of any neighbourhood (and a gap inside a digit, which would look like light
// ink, is not). A broad bright patch (a lamp's hot spot) also stands above the paper around it,
// and can outweigh thin dark strokes: a verdict of light ink is in doubt.
double darkInkShare(const BlockGrid &grid) {
    cv::Mat means;
    gridValues(grid, grid.mean).convertTo(means, CV_8U, 255.0);
    cv::Mat around;
    cv::medianBlur(means, around, strokeWindow(grid));
    double darkInk = 0, lightInk = 0;
    for (int row = 0; row < grid.rows; ++row)
        for (int column = 0; column < grid.columns; ++column) {
            const std::size_t at = std::size_t(row) * grid.columns + column;
            const float paper = float(around.at<uchar>(row, column)) / 255.0f;
            darkInk += std::max(0.0f, paper - grid.darkest[at]);
            lightInk += std::max(0.0f, grid.brightest[at] - paper);
        }
    return darkInk + lightInk > 0 ? darkInk / (darkInk + lightInk) : 1.0;
}

// Grain or specks: blocks that vary although they and their neighbours are all paper, in more
// than a few places (a faint smudge beside a stroke is not grain).
bool hasGrain(const BlockGrid &grid, float paper) {
    const auto isPaper = [&](int column, int row) {
        return std::abs(grid.mean[std::size_t(row) * grid.columns + column] - paper) <= kSamePaper;
    };
    int grainy = 0;
    for (int row = 1; row + 1 < grid.rows; ++row)
        for (int column = 1; column + 1 < grid.columns; ++column) {
            const std::size_t at = std::size_t(row) * grid.columns + column;
            if (grid.brightest[at] - grid.darkest[at] <= kSamePaper)
                continue;
            bool surroundedByPaper = true;
            for (int dy = -1; dy <= 1 && surroundedByPaper; ++dy)
                for (int dx = -1; dx <= 1 && surroundedByPaper; ++dx)
                    surroundedByPaper = isPaper(column + dx, row + dy);
            grainy += surroundedByPaper;
        }
    return grainy > kGrainyShare * grid.columns * grid.rows;
}

// One axis of the bilinear enlargement of the grid: the two blocks whose centres frame each
// pixel, and the second one's weight.
struct Framing {
    std::vector<int> first, second;
    std::vector<float> weight;
};
Framing framingOf(int pixels, int blocks, int blockSize) {
    Framing framing;
    for (int p = 0; p < pixels; ++p) {
        const float position =
            std::clamp((float(p) + 0.5f) / float(blockSize) - 0.5f, 0.0f, float(blocks - 1));
        const int first = std::min(int(position), blocks - 1);
        framing.first.push_back(first);
        framing.second.push_back(std::min(first + 1, blocks - 1));
        framing.weight.push_back(position - float(first));
    }
    return framing;
}

// Each pixel's ink: how much darker (or lighter) it is than the paper there, relative to the
// paper's brightness, since light and shadow scale paper and ink alike.
InkMap contrastAgainst(const Luminance &luminance, const cv::Mat &paper, int blockSize,
                       bool darkInk) {
    const Framing across = framingOf(luminance.width, paper.cols, blockSize);
    const Framing down = framingOf(luminance.height, paper.rows, blockSize);
    InkMap map{luminance.width, luminance.height, std::vector<float>(luminance.values.size())};
    std::vector<float> upper(std::size_t(paper.cols)), lower(std::size_t(paper.cols));
    for (int y = 0; y < map.height; ++y) {
        const float wy = down.weight[std::size_t(y)];
        const auto *top = paper.ptr<float>(down.first[std::size_t(y)]);
        const auto *bottom = paper.ptr<float>(down.second[std::size_t(y)]);
        const float *source = luminance.values.data() + std::size_t(y) * std::size_t(map.width);
        float *out = map.ink.data() + std::size_t(y) * std::size_t(map.width);
        for (int x = 0; x < map.width; ++x) {
            const float wx = across.weight[std::size_t(x)];
            const int left = across.first[std::size_t(x)], right = across.second[std::size_t(x)];
            const float here = (1 - wy) * ((1 - wx) * top[left] + wx * top[right]) +
                               wy * ((1 - wx) * bottom[left] + wx * bottom[right]);
            const float difference = darkInk ? here - source[x] : source[x] - here;
            out[x] = std::max(0.0f, difference / std::max(here, kDarkestPaper));
        }
    }
    return map;
}

// The faintest contrast kept as ink: this many deviations of the paper's grain above the paper,
// and at least kFaintestInk. How far the grain reaches comes from the upper quartile of the
// contrast, which the paper decides when it is most of the picture; for noise symmetric about the
// paper it is 0.674 deviations. Where the ink may cover more (InkCoverage::Dense) that quartile
// can be ink, so the floor stays below a share of the strong ink (kDenseInkFloor).
float inkFloor(const InkMap &contrast, InkCoverage coverage) {
    std::vector<float> sample;
    const std::size_t step = std::max<std::size_t>(1, contrast.ink.size() / 20'000);
    for (std::size_t i = 0; i < contrast.ink.size(); i += step)
        sample.push_back(contrast.ink[i]);
    const auto at = [&sample](double share) {
        const auto element =
            sample.begin() +
            std::ptrdiff_t(std::min(sample.size() - 1, std::size_t(double(sample.size()) * share)));
        std::nth_element(sample.begin(), element, sample.end());
        return *element;
    };
    float floor = float(kGrainDeviations) * at(0.75) / 0.674f;
    if (coverage == InkCoverage::Dense)
        floor = std::min(floor, kDenseInkFloor * at(kStrongInk));
    return std::max(kFaintestInk, floor);
}

// Whether a piece is darker (or lighter) than all the paper around it, as ink is. The closing
// fills in a shadow's sharp corner, which then looks like ink against the estimate; but it is only
// as dark as the shadow beside it. A notebook's printed lines (`printed`) are no paper to compare
// with: a grey pen is hardly darker than they are.
bool standsOutOfItsPaper(const cv::Mat &labels, int piece, const cv::Rect &box,
                         const Luminance &luminance, const cv::Mat &values, const cv::Mat &printed,
                         float floor, bool darkInk) {
    const int reach = int(std::lround(kAround * std::min(labels.cols, labels.rows)));
    const cv::Rect around = (box + cv::Size(2 * reach, 2 * reach) - cv::Point(reach, reach)) &
                            cv::Rect(0, 0, labels.cols, labels.rows);
    const float sign = darkInk ? 1.0f : -1.0f; // so that ink is low
    float inkiest = 2.0f, paperInkiest = 2.0f;
    for (int y = around.y; y < around.y + around.height; ++y) {
        const int *label = labels.ptr<int>(y);
        const float *value = values.ptr<float>(y);
        const uchar *onPrinted = printed.ptr<uchar>(y);
        const float *line = luminance.values.data() + std::size_t(y) * std::size_t(luminance.width);
        for (int x = around.x; x < around.x + around.width; ++x) {
            if (label[x] == piece)
                inkiest = std::min(inkiest, sign * line[x]);
            else if (value[x] <= floor && !onPrinted[x])
                paperInkiest = std::min(paperInkiest, sign * line[x]);
        }
    }
    return paperInkiest - inkiest > kStandsOut * std::abs(paperInkiest);
}

// The pieces of `core` that are strokes: neither specks (far smaller than the largest piece), nor
// faint (one hand and one pen make every stroke of a digit alike), nor shading, nor bands of
// shadow across the photo.
cv::Mat strokePieces(const cv::Mat &core, const cv::Mat &values, const Luminance &luminance,
                     const cv::Mat &printed, float floor, bool darkInk) {
    cv::Mat labels, stats, centroids;
    const int count = cv::connectedComponentsWithStats(core, labels, stats, centroids, 8, CV_32S);
    std::vector<float> peak(std::size_t(count), 0.0f);
    for (int y = 0; y < values.rows; ++y) {
        const int *label = labels.ptr<int>(y);
        const float *value = values.ptr<float>(y);
        for (int x = 0; x < values.cols; ++x)
            peak[std::size_t(label[x])] = std::max(peak[std::size_t(label[x])], value[x]);
    }
    const auto boxOf = [&stats](int piece) {
        return cv::Rect(
            stats.at<int>(piece, cv::CC_STAT_LEFT), stats.at<int>(piece, cv::CC_STAT_TOP),
            stats.at<int>(piece, cv::CC_STAT_WIDTH), stats.at<int>(piece, cv::CC_STAT_HEIGHT));
    };
    // A band of shadow (a ruler, an arm) runs from one side of the photo to another; a
    // photographed digit keeps clear of at least three sides. And where some stroke keeps clear
    // of all four, what touches the frame is the table around the sheet, the sheet's edge or a
    // shadow coming in from outside. Bands do not count as the largest or the strongest piece,
    // beside which specks and faint pieces are judged.
    std::vector<int> sidesTouched(std::size_t(count), 0);
    int largestInside = 0, largestAtTheFrame = 0;
    for (int piece = 1; piece < count; ++piece) {
        const cv::Rect box = boxOf(piece);
        sidesTouched[std::size_t(piece)] = int(box.x == 0) + int(box.y == 0) +
                                           int(box.x + box.width == values.cols) +
                                           int(box.y + box.height == values.rows);
        int &largestOfItsKind =
            sidesTouched[std::size_t(piece)] == 0 ? largestInside : largestAtTheFrame;
        largestOfItsKind = std::max(largestOfItsKind, stats.at<int>(piece, cv::CC_STAT_AREA));
    }
    const int bandSides = largestInside >= kInsideShare * largestAtTheFrame ? 1 : 2;
    std::vector<bool> band(std::size_t(count), false);
    int largest = 0, tallest = 0, largestBand = 0, tallestBand = 0;
    for (int piece = 1; piece < count; ++piece) {
        const bool isBand = sidesTouched[std::size_t(piece)] >= bandSides;
        band[std::size_t(piece)] = isBand;
        int &largestOfItsKind = isBand ? largestBand : largest;
        int &tallestOfItsKind = isBand ? tallestBand : tallest;
        largestOfItsKind = std::max(largestOfItsKind, stats.at<int>(piece, cv::CC_STAT_AREA));
        tallestOfItsKind = std::max(tallestOfItsKind, boxOf(piece).height);
    }
    // Beside a band, nothing but specks: the band is the digit, cropped so tightly that it
    // touches the frame (a 1 from the top of the photo to its bottom).
    if (largest < kSpeckArea * largestBand && tallest < kSpeckHeight * tallestBand) {
        std::fill(band.begin(), band.end(), false);
        largest = largestBand;
        tallest = tallestBand;
    }
    float strongest = peak[0];
    for (int piece = 1; piece < count; ++piece)
        if (!band[std::size_t(piece)])
            strongest = std::max(strongest, peak[std::size_t(piece)]);
    std::vector<uchar> kept(std::size_t(count), 0);
    for (int piece = 1; piece < count; ++piece) {
        const cv::Rect box = boxOf(piece);
        const bool speck = stats.at<int>(piece, cv::CC_STAT_AREA) < kSpeckArea * largest &&
                           box.height < kSpeckHeight * tallest;
        const bool faint = peak[std::size_t(piece)] < kFaintPiece * strongest;
        const bool stroke =
            !band[std::size_t(piece)] && !speck && !faint &&
            standsOutOfItsPaper(labels, piece, box, luminance, values, printed, floor, darkInk);
        kept[std::size_t(piece)] = stroke ? 255 : 0;
    }
    cv::Mat strokes(values.size(), CV_8U);
    for (int y = 0; y < values.rows; ++y) {
        const int *label = labels.ptr<int>(y);
        auto *out = strokes.ptr<uchar>(y);
        for (int x = 0; x < values.cols; ++x)
            out[x] = kept[std::size_t(label[x])];
    }
    return strokes;
}

// Whether `core` holds ink all along the segment (within a pixel of it), as along a printed
// line: a zigzag or a dotted line has a straight trend too, but leaves it again and again.
bool unbroken(const cv::Mat &core, const cv::Vec4i &segment) {
    cv::LineIterator point(core, {segment[0], segment[1]}, {segment[2], segment[3]});
    int inked = 0;
    for (int i = 0; i < point.count; ++i, ++point) {
        const cv::Point at = point.pos();
        const cv::Rect near = cv::Rect(at.x - 1, at.y - 1, 3, 3) & cv::Rect({}, core.size());
        inked += cv::countNonZero(core(near)) > 0;
    }
    return inked >= kUnbroken * point.count;
}

// The nearly level (or upright) segments among `segments`, those that lie along one line joined
// end to end: a printed line is found in pieces where a bold digit or the lines across it took
// its pixels first.
std::vector<cv::Vec4i> joinedAlongLines(const std::vector<cv::Vec4i> &segments, bool level) {
    // In level coordinates: x along the line, y across it.
    const auto turned = [level](const cv::Vec4i &s) {
        const cv::Vec4i t = level ? s : cv::Vec4i(s[1], s[0], s[3], s[2]);
        return t[0] <= t[2] ? t : cv::Vec4i(t[2], t[3], t[0], t[1]);
    };
    std::vector<cv::Vec4i> pieces;
    for (const cv::Vec4i &s : segments) {
        const cv::Vec4i t = turned(s);
        if (std::abs(t[3] - t[1]) <= kLineSlope * (t[2] - t[0]))
            pieces.push_back(t);
    }
    const auto across = [](const cv::Vec4i &t) { return (t[1] + t[3]) / 2; };
    std::sort(pieces.begin(), pieces.end(),
              [&across](const cv::Vec4i &a, const cv::Vec4i &b) { return across(a) < across(b); });
    std::vector<cv::Vec4i> joined;
    for (std::size_t first = 0; first < pieces.size();) {
        std::size_t last = first + 1;
        while (last < pieces.size() && across(pieces[last]) - across(pieces[first]) <= kSameLine)
            ++last;
        cv::Vec4i line = pieces[first];
        for (std::size_t k = first + 1; k < last; ++k) {
            if (pieces[k][0] < line[0])
                line = {pieces[k][0], pieces[k][1], line[2], line[3]};
            if (pieces[k][2] > line[2])
                line = {line[0], line[1], pieces[k][2], pieces[k][3]};
        }
        joined.push_back(level ? line : cv::Vec4i(line[1], line[0], line[3], line[2]));
        first = last;
    }
    return joined;
}

// The segments among `segments` that run straight across the whole of `core`, nearly level (or
// upright), inked all along.
std::vector<cv::Vec4i> straightAcross(const std::vector<cv::Vec4i> &segments, const cv::Mat &core,
                                      bool level) {
    std::vector<cv::Vec4i> across;
    for (const cv::Vec4i &s : joinedAlongLines(segments, level)) {
        const int along = std::abs(level ? s[2] - s[0] : s[3] - s[1]);
        const int aside = std::abs(level ? s[3] - s[1] : s[2] - s[0]);
        if (along >= kAcrossThePicture * (level ? core.cols : core.rows) &&
            aside <= kLineSlope * along && unbroken(core, s))
            across.push_back(s);
    }
    return across;
}

cv::Mat drawnLines(cv::Size size, const std::vector<cv::Vec4i> &lines) {
    cv::Mat drawn = cv::Mat::zeros(size, CV_8U);
    for (const cv::Vec4i &s : lines)
        cv::line(drawn, {s[0], s[1]}, {s[2], s[3]}, cv::Scalar(255), kLineThickness);
    return drawn;
}

// The pixels of `core` on the lines `drawn` (all level or all upright), but where ink goes on at
// both sides of a line, across it: a stroke crossing it. The printed lines of the other
// direction (`allPrinted`) are no stroke: where squared paper's lines cross, nothing is kept.
cv::Mat onLinesButCrossings(const cv::Mat &core, const cv::Mat &drawn, const cv::Mat &allPrinted,
                            bool level) {
    const cv::Mat onLines = drawn & core;
    cv::Mat bridged;
    const int span = 2 * kLineThickness + 1;
    cv::morphologyEx(
        core & ~allPrinted, bridged, cv::MORPH_CLOSE,
        cv::getStructuringElement(cv::MORPH_RECT, level ? cv::Size(1, span) : cv::Size(span, 1)));
    return onLines & ~bridged;
}

// The printed lines of a notebook page, ruled or squared: straight, nearly level or upright, each
// running across the whole picture, and more than one of them (one line across is a band, which
// strokePieces() drops), as no stroke of a digit does. The pixels of `core` on them, but where a
// stroke crosses a line.
cv::Mat printedLines(const cv::Mat &core) {
    cv::Mat lines = cv::Mat::zeros(core.size(), CV_8U);
    // Lines across the picture cross two opposite edges more than once: a quick look there
    // spares most pictures the search.
    const auto crossings = [&core](const cv::Rect &edge) { return cv::countNonZero(core(edge)); };
    const bool levelMayCross =
        crossings({0, 0, 1, core.rows}) >= 2 && crossings({core.cols - 1, 0, 1, core.rows}) >= 2;
    const bool uprightMayCross =
        crossings({0, 0, core.cols, 1}) >= 2 && crossings({0, core.rows - 1, core.cols, 1}) >= 2;
    if (!levelMayCross && !uprightMayCross)
        return lines;
    std::vector<cv::Vec4i> segments;
    const int shorter = std::min(core.cols, core.rows);
    // Squared paper's lines cross each other, and each line found first takes its pixels from
    // the lines across it (as a bold digit may take a line's): lines are found in pieces.
    cv::HoughLinesP(core, segments, 1, CV_PI / 180, int(kLinePiece * shorter), kLinePiece * shorter,
                    std::max(2.0, kLineGap * shorter));
    cv::Mat drawn[2], allPrinted = cv::Mat::zeros(core.size(), CV_8U);
    for (const bool level : {true, false}) {
        std::vector<cv::Vec4i> across;
        if (level ? levelMayCross : uprightMayCross)
            across = straightAcross(segments, core, level);
        if (across.size() < 2)
            across.clear();
        drawn[int(level)] = drawnLines(core.size(), across);
        allPrinted |= drawn[int(level)] & core;
    }
    for (const bool level : {true, false})
        lines |= onLinesButCrossings(core, drawn[int(level)], allPrinted, level);
    return lines;
}

// Keeps the strokes: their cores (what stands well above the grain) in pieces that are strokes,
// with the soft rims around them down to the grain. Everything else becomes paper.
void keepStrokes(InkMap &contrast, const Luminance &luminance, bool darkInk, InkCoverage coverage) {
    const float floor = inkFloor(contrast, coverage);
    cv::Mat values(contrast.height, contrast.width, CV_32F, contrast.ink.data());
    double strongest = 0;
    cv::minMaxLoc(values, nullptr, &strongest);
    cv::Mat core = values > std::max(double(floor), kCore * strongest);
    const cv::Mat lines = printedLines(core);
    core.setTo(0, lines);
    values.setTo(0.0f, lines);
    cv::Mat reach;
    cv::dilate(strokePieces(core, values, luminance, lines, floor, darkInk), reach,
               cv::getStructuringElement(cv::MORPH_RECT, {2 * kRim + 1, 2 * kRim + 1}));
    values.setTo(0.0f, (reach == 0) | (values <= floor));
}

// The kept ink's stroke width in pixels (stroke_width.h), its strengths scaled to [0,1].
double measuredStrokeWidth(const InkMap &contrast) {
    const float strongest = *std::max_element(contrast.ink.begin(), contrast.ink.end());
    if (strongest <= 0.0f)
        return 0.0;
    std::vector<float> scaled(contrast.ink.size());
    std::transform(contrast.ink.begin(), contrast.ink.end(), scaled.begin(),
                   [strongest](float value) { return value / strongest; });
    return strokeWidth(scaled.data(), contrast.width, contrast.height);
}
// The picture's border: the share of it that is paper, the share marked (further from the paper
// than grain or JPEG noise) and the strongest mark crossing it.
struct Border {
    double paperShare = 0;
    double markedShare = 0;
    float strongestMark = 0;
};
Border borderOf(const Luminance &luminance, float paper, bool lightPaper) {
    const int width = luminance.width, height = luminance.height;
    int same = 0, marked = 0, all = 0;
    float strongest = 0;
    const auto count = [&](int x, int y) {
        const float value = luminance.values[std::size_t(y) * width + x];
        const float mark = markOn(value, paper, lightPaper);
        same += std::abs(value - paper) <= kSamePaper;
        marked += mark > kBorderMark;
        strongest = std::max(strongest, mark);
        ++all;
    };
    for (int x = 0; x < width; ++x) {
        count(x, 0);
        count(x, height - 1);
    }
    for (int y = 0; y < height; ++y) {
        count(0, y);
        count(width - 1, y);
    }
    return {double(same) / all, double(marked) / all, strongest};
}

float strongestMark(const Luminance &luminance, float paper, bool lightPaper) {
    float strongest = 0;
    for (float value : luminance.values)
        strongest = std::max(strongest, markOn(value, paper, lightPaper));
    return strongest;
}

} // namespace

BlockGrid blockGridOf(const Luminance &luminance) {
    BlockGrid grid;
    grid.width = luminance.width;
    grid.height = luminance.height;
    grid.blockSize = std::max(
        1, int(std::ceil(double(std::max(luminance.width, luminance.height)) / kGridCells)));
    grid.columns = (luminance.width + grid.blockSize - 1) / grid.blockSize;
    grid.rows = (luminance.height + grid.blockSize - 1) / grid.blockSize;
    const std::size_t cells = std::size_t(grid.columns) * std::size_t(grid.rows);
    grid.mean.assign(cells, 0.0f);
    grid.darkest.assign(cells, 1.0f);
    grid.brightest.assign(cells, 0.0f);
    std::vector<int> counts(cells, 0);
    // Block by block along each row, so that the inner loop is a plain run of pixels.
    for (int y = 0; y < luminance.height; ++y) {
        const std::size_t rowStart = std::size_t(y / grid.blockSize) * grid.columns;
        const float *line = luminance.values.data() + std::size_t(y) * std::size_t(luminance.width);
        for (int column = 0; column < grid.columns; ++column) {
            const int first = column * grid.blockSize;
            const int last = std::min(first + grid.blockSize, luminance.width);
            float sum = 0.0f, darkest = 1.0f, brightest = 0.0f;
            for (int x = first; x < last; ++x) {
                sum += line[x];
                darkest = std::min(darkest, line[x]);
                brightest = std::max(brightest, line[x]);
            }
            const std::size_t at = rowStart + std::size_t(column);
            grid.mean[at] += sum;
            grid.darkest[at] = std::min(grid.darkest[at], darkest);
            grid.brightest[at] = std::max(grid.brightest[at], brightest);
            counts[at] += last - first;
        }
    }
    for (std::size_t at = 0; at < cells; ++at)
        grid.mean[at] /= float(counts[at]);
    return grid;
}

bool isPlainPaper(const Luminance &luminance, const BlockGrid &grid, float paper, bool lightPaper) {
    if (hasGrain(grid, paper))
        return false;
    const Border border = borderOf(luminance, paper, lightPaper);
    // Marks crossing plain paper's border are strokes of the pen, as strong as its other
    // strokes (or the soft rim of one that grazes the border, over a few pixels); a band of
    // shadow across a photo is paler than the ink beside it, over a stretch of the border. (A
    // border that is mostly not paper, such as grain, is left to the tests below.)
    if (border.paperShare >= kMostlyPaper && border.markedShare >= kShadeStretch &&
        border.strongestMark < kShadeBelowInk * strongestMark(luminance, paper, lightPaper))
        return false;
    if (border.paperShare >= kUniformBorder)
        return true;
    const cv::Mat estimate = paperOnGrid(grid, lightPaper);
    double lowest = 0, highest = 0;
    cv::minMaxLoc(estimate, &lowest, &highest);
    return lowest >= paper - kSamePaper && highest <= paper + kSamePaper;
}

InkMap inkOnUnevenPaper(const Luminance &luminance, const BlockGrid &grid, InkCoverage coverage) {
    const auto inkAgainstPaper = [&](double widest, bool darkInk) {
        cv::Mat paper = paperOnGrid(grid, darkInk, widest);
        cv::blur(paper, paper, {3, 3}, {-1, -1}, cv::BORDER_REPLICATE);
        // Blocks that straddle a hard shadow's edge, and the blur, carry the lit paper a block
        // into the shadow, where the shadowed paper would then read as a band of ink along the
        // edge: the paper is taken as dark as it gets within that reach (ink near any edge
        // loses a little of its contrast, and keeps most).
        (darkInk ? cv::erode : cv::dilate)(
            paper, paper, cv::getStructuringElement(cv::MORPH_RECT, {kEdgeReach, kEdgeReach}),
            {-1, -1}, 1, cv::BORDER_REPLICATE, cv::Scalar());
        InkMap contrast = contrastAgainst(luminance, paper, grid.blockSize, darkInk);
        keepStrokes(contrast, luminance, darkInk, coverage);
        return contrast;
    };
    // First with a window wide enough for any stroke, then (as a narrow window follows a
    // shadow's shape better) with one a few times the width of the strokes found.
    const double shorterSide = std::min(grid.width, grid.height);
    const auto inkOfPolarity = [&](bool darkInk) {
        InkMap contrast = inkAgainstPaper(kWidestStroke * shorterSide, darkInk);
        const double fitting = std::max(kWindowOverStroke * measuredStrokeWidth(contrast),
                                        kNarrowestWindow * shorterSide);
        if (fitting < kWidestStroke * shorterSide)
            contrast = inkAgainstPaper(fitting, darkInk);
        return contrast;
    };
    const double darkShare = darkInkShare(grid);
    InkMap contrast = inkOfPolarity(darkShare >= 0.5);
    if (darkShare >= 0.5)
        return contrast;
    // Light ink: the dark reading is tried too, since a hot spot can tip the balance however
    // strongly, and dark ink on light paper is far more common. Taken the wrong way round, a
    // digit's strokes turn into the paper between them, which does not stand out of the paper
    // around it, and a hot spot into a broad glow that is no stroke: little or nothing is kept.
    // So the dark reading wins when it keeps far more ink, each reading counted at its own
    // strength (light ink's contrast has no ceiling), and ink as strong as a pen's.
    InkMap dark = inkOfPolarity(true);
    const auto strongest = [](const InkMap &map) {
        return *std::max_element(map.ink.begin(), map.ink.end());
    };
    const auto fullInk = [&](const InkMap &map) {
        const float top = strongest(map);
        return top > 0 ? std::accumulate(map.ink.begin(), map.ink.end(), 0.0) / top : 0.0;
    };
    if (strongest(dark) >= kPenLikeInk && fullInk(dark) > kFarMoreInk * fullInk(contrast))
        return dark;
    return contrast;
}

} // namespace digitpad
