#pragma once

#include <array>
#include <vector>

namespace digitpad {

// Figures of straight sticks, as segments (x0, y0, x1, y1) in grid units (the box is [-1, 1],
// y down): the shapes and letters people draw when they do not write a digit, which training
// draws with handwritten 1s as the pen (augmentation.h: makeStickFigures).
using Stick = std::array<float, 4>;
// MNIST's 20-pixel digit box in grid units: how long a 1 is, and how big a figure is framed.
inline constexpr float kDigitBoxInGrid = 40.0f / 28.0f;
// How far augmentation moves a picture, in pixels each way: as far as a digit's centre of mass is
// left from the centre (augmentBatch; figures are placed so too).
inline constexpr float kShiftPixels = 2.0f;
// A figure has at most this many sticks (a spiral's three turns), and draws at most this many
// random numbers.
inline constexpr int kMaxSticks = 24;
inline constexpr int kFigureRandoms = 64;

// One figure, drawn from kFigureRandoms uniform random numbers in [0, 1) (torch's generator, so
// runs stay reproducible): closed polygons (triangle, quadrilateral), crossings (plus, X, star),
// ladders (H, hash), zigzags (M, W), combs (E, F), spirals, a stem with a bowl (P, R),
// scribbles, and letters and symbols built from a digit's strokes (figure_letters.cpp). Slanted,
// squeezed and turned a little, framed as the preprocessing frames a picture (longer side 20 of
// 28 pixels, centre of mass at MNIST's) and moved a little, as augmentation moves a digit. Shapes a
// digit is drawn as (7, 4, a Z-like 2, an S) are left out.
std::vector<Stick> makeFigureSticks(const float *uniforms);

// One figure of a chosen kind, from the same random numbers.
enum class FigureKind {
    Polygon,
    Crossing,
    Ladder,
    Zigzag,
    Comb,
    Spiral,
    Looped,
    Scribble,
    Tee,     // T, t
    Fork,    // Y, y
    Arrow,   // K, k
    Apex,    // A
    Arc,     // C, e, ?
    Angle,   // <, >, ^, V, L, N
    Bracket, // [, ], {, }
    Arch,    // n, h, m, r, u, U
    Mark,    // !, =, ~, %
    Struck   // $, €, f
};
inline constexpr int kFigureKinds = int(FigureKind::Struck) + 1;
std::vector<Stick> makeFigureSticks(const float *uniforms, FigureKind kind);

} // namespace digitpad
