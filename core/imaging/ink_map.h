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

// Ink is what differs from the paper. A picture with transparent regions is read by its alpha
// (strokes on a transparent sheet). Plain paper (the canvas, a scan) has one brightness, the
// median of the border; a photographed sheet's brightness is estimated place by place, so that a
// lighting gradient, a shadow or fog stays paper and grain and specks are dropped
// (paper_background.h). Faint noise (JPEG ringing) is dropped. Throws digitpad::Error when no
// stroke stands out.
InkMap extractInk(const QImage &picture);

} // namespace digitpad
