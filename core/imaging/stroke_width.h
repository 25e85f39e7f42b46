#pragma once

#include <cstdint>

namespace digitpad {

// The one measure of stroke width, in pixels: the ink's total intensity over half the outline
// of the pixels inked at least half-way. A stroke of width w and length l >> w has ink w * l and
// an outline of about 2 l. Used by preprocessing (to thicken thin strokes) and by the
// "stroke thickness" style feature, so the two always agree. 0 when there is no ink.
double strokeWidth(const float *ink, int width, int height);        // ink in [0,1]
double strokeWidth(const std::uint8_t *ink, int width, int height); // ink in [0,255]

} // namespace digitpad
