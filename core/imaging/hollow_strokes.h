#pragma once

#include "ink_map.h"

namespace digitpad {

// A bubble digit (bold strokes drawn as their outline only) reaches the 20-px box as two thin
// lines side by side, which the network takes for another figure or for no digit at all. This
// fills the thin bands such outlines enclose, so that the bold stroke they stand for is what the
// network sees. A band is filled when it is much wider than the line around it (an outline, not
// a pen stroke's own hole), no wider than a bold stroke, and long for its width (the band of a
// stroke, where the hole of a 0, a 6 or an 8 is round: only a 0 squeezed to a bar is both, and it
// is left alone, as is a bubble 1 that looks like it). `lineWidth` is the drawing's stroke width
// in the map's pixels (strokeWidth()). Returns whether anything was filled.
bool fillHollowStrokes(InkMap &map, double lineWidth);

} // namespace digitpad
