#include "figure_shapes.h"

#include "figure_drawing.h"
#include "preprocess.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace digitpad {

void FigureDrawing::join(const Points &points, bool closed) {
    const std::size_t ends = closed ? points.size() : points.size() - 1;
    for (std::size_t i = 0; i < ends; ++i) {
        const auto &[x0, y0] = points[i];
        const auto &[x1, y1] = points[(i + 1) % points.size()];
        if (std::hypot(x1 - x0, y1 - y0) > 1e-3f) // a stick of no length has no direction to draw
            stick(x0, y0, x1, y1);
    }
}

void appendArc(FigureDrawing::Points &points, float from, float to, float cx, float cy, float rx,
               float ry, int sticks) {
    for (int i = 0; i <= sticks; ++i) {
        const float a = from + (to - from) * float(i) / float(sticks);
        points.emplace_back(cx + rx * std::cos(a), cy + ry * std::sin(a));
    }
}

namespace {
void polygon(FigureDrawing &d) { // a triangle or a quadrilateral (more corners make a fine 0)
    const int corners = 3 + std::min(1, int(d.between(0, 2)));
    // Half of them upright, as people draw them: a square on its side, a triangle on its base.
    const float upright = corners == 4 ? float(M_PI) / 4 : -float(M_PI) / 2;
    const float start = d.between(0, 1) < 0.5f ? upright : d.between(0, 2 * float(M_PI));
    const float aspect = d.between(0.8f, 1.25f);
    std::vector<std::pair<float, float>> points;
    for (int i = 0; i < corners; ++i) {
        const float a =
            start + 2 * float(M_PI) * (float(i) + d.between(-0.15f, 0.15f)) / float(corners);
        const float radius = d.between(0.6f, 0.75f);
        points.emplace_back(radius * std::cos(a) * aspect, radius * std::sin(a) / aspect);
    }
    d.join(points, true);
}
void crossing(FigureDrawing &d) { // plus, X, star: two to four sticks through one point
    const int count = 2 + std::min(2, int(d.between(0, 3)));
    const float start = d.between(0, 1) < 0.5f ? 0.0f : d.between(0, float(M_PI)); // half upright
    const float cx = d.between(-0.1f, 0.1f), cy = d.between(-0.1f, 0.1f);
    for (int i = 0; i < count; ++i) {
        const float a = start + float(M_PI) * (float(i) + d.between(-0.12f, 0.12f)) / float(count);
        const float back = d.between(0.45f, 0.75f), ahead = d.between(0.45f, 0.75f);
        d.stick(cx - back * std::cos(a), cy - back * std::sin(a), cx + ahead * std::cos(a),
                cy + ahead * std::sin(a));
    }
}
void ladder(FigureDrawing &d) { // two rails and one crossbar (H) or two long ones (hash)
    const float w = d.between(0.25f, 0.5f), h = d.between(0.55f, 0.75f);
    d.stick(-w, -h, -w, h);
    d.stick(w, -h, w, h);
    if (d.between(0, 1) < 0.5f) {
        const float y = d.between(-0.2f, 0.2f);
        d.stick(-w, y, w, y);
        return;
    }
    const float y = d.between(0.2f, 0.35f), reach = w + d.between(0.15f, 0.3f);
    d.stick(-reach, -y, reach, -y);
    d.stick(-reach, y, reach, y);
}
void zigzag(FigureDrawing &d) { // four or five strokes up and down (M, W)
    const int count = 4 + int(d.between(0, 2));
    const float high = d.between(0.5f, 0.7f);
    std::vector<std::pair<float, float>> points;
    for (int i = 0; i <= count; ++i) {
        const float x = -0.7f + 1.4f * float(i) / float(count) + d.between(-0.05f, 0.05f);
        const float y = ((i % 2) ? high : -high) + d.between(-0.1f, 0.1f);
        points.emplace_back(x, y);
    }
    d.join(points, false);
}
void comb(FigureDrawing &d) { // a spine with two or three teeth to the right (F, E)
    const float h = d.between(0.6f, 0.75f), w = d.between(0.35f, 0.55f), x = -w / 2;
    d.stick(x, -h, x, h);
    const int teeth = 2 + int(d.between(0, 2));
    for (int i = 0; i < teeth; ++i) {
        const float y = -h + h * float(i) + d.between(-0.05f, 0.05f);
        d.stick(x, y, x + w * d.between(0.8f, 1.2f), y);
    }
}
// Curves are drawn as chains of short sticks, as a polygon of many corners makes a 0.
void spiral(FigureDrawing &d) { // one to three turns outwards from near the centre
    const int segments = std::min(kMaxSticks, int(d.between(12, float(kMaxSticks) + 1)));
    const float turns = float(segments) / 8, start = d.between(0, 2 * float(M_PI));
    const float inner = d.between(0.05f, 0.2f), outer = d.between(0.6f, 0.75f);
    const float direction = d.between(0, 1) < 0.5f ? -1.0f : 1.0f;
    std::vector<std::pair<float, float>> points;
    for (int i = 0; i <= segments; ++i) {
        const float t = float(i) / float(segments);
        const float a = start + direction * 2 * float(M_PI) * turns * t;
        const float radius = inner + (outer - inner) * t;
        points.emplace_back(radius * std::cos(a), radius * std::sin(a));
    }
    d.join(points, false);
}
void looped(
    FigureDrawing &d) { // a stem with a bowl to the right of its top half (P), and a leg (R)
    const float h = d.between(0.6f, 0.75f), w = d.between(0.35f, 0.55f), x = -w / 2;
    const float waist = d.between(-0.15f, 0.15f);
    d.stick(x, -h, x, h);
    std::vector<std::pair<float, float>> bowl;
    constexpr int kBowlSticks = 5;
    for (int i = 0; i <= kBowlSticks; ++i) {
        const float a = float(M_PI) * (float(i) / kBowlSticks - 0.5f);
        bowl.emplace_back(x + w * std::cos(a), (waist - h) / 2 + (waist + h) / 2 * std::sin(a));
    }
    d.join(bowl, false);
    if (d.between(0, 1) < 0.5f)
        d.stick(x + w * d.between(0.1f, 0.5f), waist, x + w * d.between(0.9f, 1.2f), h);
}
void scribble(FigureDrawing &d) { // a pen wandering between random points
    const int turns = 5 + int(d.between(0, 8));
    std::vector<std::pair<float, float>> points;
    for (int i = 0; i <= turns; ++i)
        points.emplace_back(d.between(-0.7f, 0.7f), d.between(-0.7f, 0.7f));
    d.join(points, false);
}

// Hands slant, squeeze and turn what they draw; then the figure is framed as the preprocessing
// frames a picture (preprocess.h): its longer side 20 of the 28 pixels, its centre of mass at the
// MNIST centre, then moved by up to 2 pixels as augmentation moves a digit. Centred by its box
// instead, a figure sits where no picture the app reads does (a T's bar higher than the
// preprocessing ever puts it, as it lowers a 7's), and the network tells figures from digits by
// where their ink sits rather than by its shape.
void frame(FigureDrawing &d) {
    // Grid units: pixel p's centre is at (2p + 1) / 28 - 1.
    constexpr float kMassCentreInGrid = (2 * float(kMassCentre) + 1) / kImageSide - 1;
    const float turn = d.between(-0.26f, 0.26f), c = std::cos(turn), s = std::sin(turn);
    const float slant = d.between(-0.45f, 0.45f), aspect = d.between(0.6f, 1.4f);
    float left = 1e9f, right = -1e9f, top = 1e9f, bottom = -1e9f;
    const auto place = [&](float &x, float &y) {
        const float sx = (x - slant * y) * aspect, sy = y / aspect;
        x = c * sx - s * sy;
        y = s * sx + c * sy;
        left = std::min(left, x), right = std::max(right, x);
        top = std::min(top, y), bottom = std::max(bottom, y);
    };
    for (Stick &stick : d.sticks()) {
        place(stick[0], stick[1]);
        place(stick[2], stick[3]);
    }
    const float scale = kDigitBoxInGrid / std::max({right - left, bottom - top, 0.1f});
    // The ink's centre of mass: every stick's midpoint weighed by its length, the pen's width
    // being the same along the figure.
    float mass = 0, massX = 0, massY = 0;
    for (const Stick &stick : d.sticks()) {
        const float length = std::hypot(stick[2] - stick[0], stick[3] - stick[1]);
        mass += length;
        massX += length * (stick[0] + stick[2]) / 2;
        massY += length * (stick[1] + stick[3]) / 2;
    }
    mass = std::max(mass, 1e-6f);
    const float shift = kShiftPixels * 2.0f / kImageSide;
    const float dx = kMassCentreInGrid + d.between(-shift, shift);
    const float dy = kMassCentreInGrid + d.between(-shift, shift);
    const float cx = massX / mass, cy = massY / mass;
    for (Stick &stick : d.sticks())
        stick = {(stick[0] - cx) * scale + dx, (stick[1] - cy) * scale + dy,
                 (stick[2] - cx) * scale + dx, (stick[3] - cy) * scale + dy};
}

std::vector<Stick> make(FigureKind kind, FigureDrawing &d) {
    switch (kind) {
    case FigureKind::Polygon:
        polygon(d);
        break;
    case FigureKind::Crossing:
        crossing(d);
        break;
    case FigureKind::Ladder:
        ladder(d);
        break;
    case FigureKind::Zigzag:
        zigzag(d);
        break;
    case FigureKind::Comb:
        comb(d);
        break;
    case FigureKind::Spiral:
        spiral(d);
        break;
    case FigureKind::Looped:
        looped(d);
        break;
    case FigureKind::Scribble:
        scribble(d);
        break;
    default:
        drawLetter(kind, d);
        break;
    }
    frame(d);
    return d.sticks();
}
} // namespace

std::vector<Stick> makeFigureSticks(const float *uniforms) {
    FigureDrawing drawing(uniforms);
    // A quarter of the figures are polygons and one in twelve a crossing: a triangle or a square
    // is the figure most easily read as a 0, and a plus as a 4 or a 7.
    constexpr int kPolygonShare = 6, kCrossingShare = 2;
    constexpr int kShares = kFigureKinds + kPolygonShare - 1 + kCrossingShare - 1;
    const int pick = std::min(int(drawing.between(0, kShares)), kShares - 1);
    FigureKind kind = FigureKind::Polygon;
    if (pick >= kPolygonShare + kCrossingShare)
        kind = FigureKind(pick - kPolygonShare - kCrossingShare + int(FigureKind::Crossing) + 1);
    else if (pick >= kPolygonShare)
        kind = FigureKind::Crossing;
    return make(kind, drawing);
}

std::vector<Stick> makeFigureSticks(const float *uniforms, FigureKind kind) {
    FigureDrawing drawing(uniforms);
    return make(kind, drawing);
}

} // namespace digitpad
