#include "hollow_strokes.h"

#include <algorithm>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace digitpad {

namespace {
// Ink this strong closes a band: an outline thinner than a pixel of the map is faint after
// the reduction, yet must still enclose what it outlines.
constexpr float kClosingInk = 0.3f;
// A band at least this many times as wide as its line is an outline's inside.
constexpr double kWiderThanLine = 3.0;
// ...and at most this share of the figure's longer side wide: a bold stroke, not a loop's hole.
constexpr double kWidestBand = 0.35;
// ...and at least this many times as long as it is wide (its area over its mean width squared):
// a round hole is about 2, the hole of a 0 about 1.8 times its height over its width, the band
// of a bubble 7 or around a bubble 0 above 7. A bubble 1 is no longer than a narrow 0's hole.
constexpr double kLongerThanWide = 6.5;
} // namespace

bool fillHollowStrokes(InkMap &map, double lineWidth) {
    if (map.width < 3 || map.height < 3 || lineWidth <= 0.0)
        return false;
    // The paper, with a margin of paper all round, so that everything open to the outside is one
    // region and every other region is enclosed by ink.
    cv::Mat paper(map.height + 2, map.width + 2, CV_8U, cv::Scalar(255));
    for (int y = 0; y < map.height; ++y)
        for (int x = 0; x < map.width; ++x)
            if (map.at(x, y) >= kClosingInk)
                paper.at<std::uint8_t>(y + 1, x + 1) = 0;
    // Most drawings enclose nothing: flooding the paper from the margin tells, far quicker than
    // labelling every region would.
    cv::Mat flooded = paper.clone();
    cv::floodFill(flooded, cv::Point(0, 0), cv::Scalar(0), nullptr, cv::Scalar(), cv::Scalar(), 4);
    if (cv::countNonZero(flooded) == 0)
        return false;
    cv::Mat regions, stats, centroids;
    const int count = cv::connectedComponentsWithStats(paper, regions, stats, centroids, 4, CV_32S);
    cv::Mat toInk;
    cv::distanceTransform(paper, toInk, cv::DIST_L2, cv::DIST_MASK_PRECISE);
    // Each region's distances to the nearest ink, summed: over its area, they give its mean width.
    std::vector<double> sumToInk(std::size_t(count), 0.0);
    for (int y = 0; y < regions.rows; ++y)
        for (int x = 0; x < regions.cols; ++x)
            sumToInk[std::size_t(regions.at<int>(y, x))] += toInk.at<float>(y, x);
    const int outside = regions.at<int>(0, 0);
    const double longerSide = std::max(map.width, map.height);
    std::vector<bool> fill(std::size_t(count), false);
    bool any = false;
    for (int region = 1; region < count; ++region) {
        if (region == outside)
            continue;
        // Across a band `width` pixels wide, the distance to the ink rises from 1/2 to about
        // width/2 and falls again: its mean is about width/4 + 1/4.
        const double area = stats.at<int>(region, cv::CC_STAT_AREA);
        const double width = 4.0 * sumToInk[std::size_t(region)] / area - 1.0;
        fill[std::size_t(region)] = width >= kWiderThanLine * lineWidth &&
                                    width <= kWidestBand * longerSide &&
                                    area >= kLongerThanWide * width * width;
        any = any || fill[std::size_t(region)];
    }
    if (!any)
        return false;
    for (int y = 0; y < map.height; ++y)
        for (int x = 0; x < map.width; ++x)
            if (fill[std::size_t(regions.at<int>(y + 1, x + 1))])
                map.at(x, y) = 1.0f;
    return true;
}

} // namespace digitpad
