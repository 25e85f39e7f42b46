#pragma once

#include "figure_shapes.h"

#include <utility>
#include <vector>

namespace digitpad {

// A stick figure being drawn: the random numbers it draws from, in order, and its sticks so far.
// Shapes (figure_shapes.cpp) and letters (figure_letters.cpp) are drawn on one of these.
class FigureDrawing {
  public:
    using Points = std::vector<std::pair<float, float>>;

    explicit FigureDrawing(const float *uniforms) : m_random(uniforms) {}

    float between(float low, float high) { return low + (high - low) * m_random[m_next++]; }
    bool coin() { return between(0, 1) < 0.5f; }
    void stick(float x0, float y0, float x1, float y1) { m_sticks.push_back({x0, y0, x1, y1}); }
    // Sticks from each point to the next, and from the last back to the first when closed.
    void join(const Points &points, bool closed);
    std::vector<Stick> &sticks() { return m_sticks; }

  private:
    const float *m_random;
    int m_next = 0;
    std::vector<Stick> m_sticks;
};

// Appends `sticks` + 1 points of an elliptic arc from angle `from` to `to` (radians, y down,
// centre cx, cy, radii rx, ry): curves are drawn as chains of short sticks, as a polygon of many
// corners makes a 0.
void appendArc(FigureDrawing::Points &points, float from, float to, float cx, float cy, float rx,
               float ry, int sticks);

// Letters and symbols built from a digit's strokes (figure_letters.cpp), one per FigureKind from
// Tee on.
void drawLetter(FigureKind kind, FigureDrawing &drawing);

} // namespace digitpad
