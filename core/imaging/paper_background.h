#pragma once

#include "ink_map.h"

#include <vector>

namespace digitpad {

// A picture's luminance, [0,1], row-major.
struct Luminance {
    int width = 0;
    int height = 0;
    std::vector<float> values;
};

// The picture summarised on a coarse grid of square blocks (the last row and column may be
// partial): each block's mean, darkest and brightest luminance. Cheap enough for every pen move,
// and all that is needed to tell plain paper from a photographed sheet.
struct BlockGrid {
    int width = 0; // the picture's, in pixels
    int height = 0;
    int blockSize = 1;
    int columns = 0;
    int rows = 0;
    std::vector<float> mean, darkest, brightest; // row-major, columns * rows
};
BlockGrid blockGridOf(const Luminance &luminance);

// How far a luminance is from paper of brightness `paper` towards the ink's side (darker on light
// paper, lighter on dark); negative on the paper's other side.
inline float markOn(float value, float paper, bool lightPaper) {
    return lightPaper ? paper - value : value - paper;
}

// Whether the paper is one plain brightness, `paper`: with no grain or specks on it, and the same
// all along the picture's border or everywhere once the strokes are ignored. The canvas, a scan
// and a rendered picture are plain paper; a photograph rarely is.
bool isPlainPaper(const Luminance &luminance, const BlockGrid &grid, float paper, bool lightPaper);

// Ink on paper whose brightness changes from place to place (a lighting gradient, a shadow, fog,
// grain): the paper's own brightness is estimated everywhere by removing every mark narrower than
// a stroke can be, each pixel's ink is its contrast relative to that paper, and what is no
// stronger than the paper's grain is dropped, as are specks far smaller than the largest stroke.
// Light ink on dark paper is recognised too. Ink strengths are left unstretched.
// `coverage` says how the grain is told from the ink (ink_map.h).
InkMap inkOnUnevenPaper(const Luminance &luminance, const BlockGrid &grid, InkCoverage coverage);

} // namespace digitpad
