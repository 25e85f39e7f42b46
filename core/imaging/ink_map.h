#pragma once

#include <QImage>
#include <vector>

namespace digitpad {

// A picture's ink: 0 where the paper is, up to 1 for the strongest stroke.
struct InkMap {
    int width = 0;
    int height = 0;
    std::vector<float> ink; // [0,1], row-major
    float &at(int x, int y) { return ink[std::size_t(y) * width + x]; }
    float at(int x, int y) const { return ink[std::size_t(y) * width + x]; }
};

// How much of a photographed picture its ink may cover. Most of a photo is paper, and the paper's
// grain is measured on that assumption; a photo cropped close to its digit may be ink over a
// quarter of it or more, and then that measure takes the ink for grain and drops it. Reading
// such a photo as `Dense` keeps the grain's floor below the strongest ink. Plain paper and
// transparent pictures read alike either way.
enum class InkCoverage { Sparse, Dense };

// Ink is what differs from the paper. A picture with transparent regions is read by its alpha
// (strokes on a transparent sheet). Plain paper (the canvas, a scan) has one brightness, the
// median of the border; a photographed sheet's brightness is estimated place by place, so that a
// lighting gradient, a shadow or fog stays paper and grain and specks are dropped
// (paper_background.h). Faint noise (JPEG ringing) is dropped. Throws digitpad::Error when no
// stroke stands out.
InkMap extractInk(const QImage &picture, InkCoverage coverage = InkCoverage::Sparse);

// Whether the picture is read as a photographed sheet, its paper estimated place by place (large
// pictures once reduced, as every reading reduces them): the only pictures whose reading
// InkCoverage changes.
bool isPhotographedPaper(const QImage &picture);

} // namespace digitpad
