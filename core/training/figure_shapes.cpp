#include "figure_shapes.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace digitpad {

namespace {
class StickFigureMaker {
  public:
    explicit StickFigureMaker(const float *uniforms) : m_random(uniforms) {}

    std::vector<Stick> make() {
        // Polygons come four times as often as each other kind: a triangle or a square is the
        // figure most easily read as a 0.
        return make(FigureKind(std::clamp(int(between(-3, 13)), 0, int(FigureKind::Arc))));
    }
    std::vector<Stick> make(FigureKind kind) {
        switch (kind) {
        case FigureKind::Polygon:
            polygon();
            break;
        case FigureKind::Crossing:
            crossing();
            break;
        case FigureKind::Ladder:
            ladder();
            break;
        case FigureKind::Zigzag:
            zigzag();
            break;
        case FigureKind::Comb:
            comb();
            break;
        case FigureKind::Spiral:
            spiral();
            break;
        case FigureKind::Looped:
            looped();
            break;
        case FigureKind::Scribble:
            scribble();
            break;
        case FigureKind::Tee:
            tee();
            break;
        case FigureKind::Fork:
            fork();
            break;
        case FigureKind::Arrow:
            arrow();
            break;
        case FigureKind::Apex:
            apex();
            break;
        case FigureKind::Arc:
            arc();
            break;
        }
        frame();
        return m_sticks;
    }

  private:
    float between(float low, float high) { return low + (high - low) * m_random[m_next++]; }
    void join(const std::vector<std::pair<float, float>> &points, bool closed) {
        const std::size_t ends = closed ? points.size() : points.size() - 1;
        for (std::size_t i = 0; i < ends; ++i) {
            const auto &[x0, y0] = points[i];
            const auto &[x1, y1] = points[(i + 1) % points.size()];
            m_sticks.push_back({x0, y0, x1, y1});
        }
    }

    void polygon() { // a triangle or a quadrilateral (more corners make a fine 0)
        const int corners = 3 + std::min(1, int(between(0, 2)));
        // Half of them upright, as people draw them: a square on its side, a triangle on its base.
        const float upright = corners == 4 ? float(M_PI) / 4 : -float(M_PI) / 2;
        const float start = between(0, 1) < 0.5f ? upright : between(0, 2 * float(M_PI));
        const float aspect = between(0.8f, 1.25f);
        std::vector<std::pair<float, float>> points;
        for (int i = 0; i < corners; ++i) {
            const float a =
                start + 2 * float(M_PI) * (float(i) + between(-0.15f, 0.15f)) / float(corners);
            const float radius = between(0.6f, 0.75f);
            points.emplace_back(radius * std::cos(a) * aspect, radius * std::sin(a) / aspect);
        }
        join(points, true);
    }
    void crossing() { // plus, X, star: two to four sticks through one point
        const int count = 2 + std::min(2, int(between(0, 3)));
        const float start = between(0, 1) < 0.5f ? 0.0f : between(0, float(M_PI)); // half upright
        const float cx = between(-0.1f, 0.1f), cy = between(-0.1f, 0.1f);
        for (int i = 0; i < count; ++i) {
            const float a =
                start + float(M_PI) * (float(i) + between(-0.12f, 0.12f)) / float(count);
            const float back = between(0.45f, 0.75f), ahead = between(0.45f, 0.75f);
            m_sticks.push_back({cx - back * std::cos(a), cy - back * std::sin(a),
                                cx + ahead * std::cos(a), cy + ahead * std::sin(a)});
        }
    }
    void ladder() { // two rails and one crossbar (H) or two long ones (hash)
        const float w = between(0.25f, 0.5f), h = between(0.55f, 0.75f);
        m_sticks.push_back({-w, -h, -w, h});
        m_sticks.push_back({w, -h, w, h});
        if (between(0, 1) < 0.5f) {
            const float y = between(-0.2f, 0.2f);
            m_sticks.push_back({-w, y, w, y});
            return;
        }
        const float y = between(0.2f, 0.35f), reach = w + between(0.15f, 0.3f);
        m_sticks.push_back({-reach, -y, reach, -y});
        m_sticks.push_back({-reach, y, reach, y});
    }
    void zigzag() { // four or five strokes up and down (M, W)
        const int count = 4 + int(between(0, 2));
        const float high = between(0.5f, 0.7f);
        std::vector<std::pair<float, float>> points;
        for (int i = 0; i <= count; ++i) {
            const float x = -0.7f + 1.4f * float(i) / float(count) + between(-0.05f, 0.05f);
            const float y = ((i % 2) ? high : -high) + between(-0.1f, 0.1f);
            points.emplace_back(x, y);
        }
        join(points, false);
    }
    void comb() { // a spine with two or three teeth to the right (F, E)
        const float h = between(0.6f, 0.75f), w = between(0.35f, 0.55f), x = -w / 2;
        m_sticks.push_back({x, -h, x, h});
        const int teeth = 2 + int(between(0, 2));
        for (int i = 0; i < teeth; ++i) {
            const float y = -h + h * float(i) + between(-0.05f, 0.05f);
            m_sticks.push_back({x, y, x + w * between(0.8f, 1.2f), y});
        }
    }
    // Curves are drawn as chains of short sticks, as a polygon of many corners makes a 0.
    void spiral() { // one to three turns outwards from near the centre
        const int segments = std::min(kMaxSticks, int(between(12, float(kMaxSticks) + 1)));
        const float turns = float(segments) / 8, start = between(0, 2 * float(M_PI));
        const float inner = between(0.05f, 0.2f), outer = between(0.6f, 0.75f);
        const float direction = between(0, 1) < 0.5f ? -1.0f : 1.0f;
        std::vector<std::pair<float, float>> points;
        for (int i = 0; i <= segments; ++i) {
            const float t = float(i) / float(segments);
            const float a = start + direction * 2 * float(M_PI) * turns * t;
            const float radius = inner + (outer - inner) * t;
            points.emplace_back(radius * std::cos(a), radius * std::sin(a));
        }
        join(points, false);
    }
    void looped() { // a stem with a bowl to the right of its top half (P), and a leg (R)
        const float h = between(0.6f, 0.75f), w = between(0.35f, 0.55f), x = -w / 2;
        const float waist = between(-0.15f, 0.15f);
        m_sticks.push_back({x, -h, x, h});
        std::vector<std::pair<float, float>> bowl;
        constexpr int kBowlSticks = 5;
        for (int i = 0; i <= kBowlSticks; ++i) {
            const float a = float(M_PI) * (float(i) / kBowlSticks - 0.5f);
            bowl.emplace_back(x + w * std::cos(a), (waist - h) / 2 + (waist + h) / 2 * std::sin(a));
        }
        join(bowl, false);
        if (between(0, 1) < 0.5f)
            m_sticks.push_back(
                {x + w * between(0.1f, 0.5f), waist, x + w * between(0.9f, 1.2f), h});
    }
    void scribble() { // a pen wandering between random points
        const int turns = 5 + int(between(0, 8));
        std::vector<std::pair<float, float>> points;
        for (int i = 0; i <= turns; ++i)
            points.emplace_back(between(-0.7f, 0.7f), between(-0.7f, 0.7f));
        join(points, false);
    }
    // Letters built from a digit's strokes. A T is a bar on a 1, its stem from near the bar's
    // middle (a 7's falls from its end); a t's bar crosses the stem high up.
    void tee() {
        const float h = between(0.6f, 0.75f), w = between(0.3f, 0.55f);
        if (between(0, 1) < 0.5f) {
            const float x = w * between(-0.2f, 0.2f);
            m_sticks.push_back({-w, -h, w, -h});
            m_sticks.push_back({x, -h, x, h});
            return;
        }
        const float y = h * between(-0.65f, -0.2f);
        m_sticks.push_back({0, -h, 0, h});
        m_sticks.push_back({-w * between(0.5f, 1.0f), y, w * between(0.5f, 1.0f), y});
    }
    void fork() { // Y: two arms meeting on a stem; y: a short arm meeting a long one
        const float h = between(0.6f, 0.75f), w = between(0.3f, 0.55f);
        const float meet = h * between(-0.15f, 0.25f);
        if (between(0, 1) < 0.5f) {
            m_sticks.push_back({-w, -h, 0, meet});
            m_sticks.push_back({w, -h, 0, meet});
            m_sticks.push_back({0, meet, 0, h});
            return;
        }
        const float x = w * between(-0.3f, 0.0f);
        m_sticks.push_back({-w, -h * between(0.5f, 1.0f), x, meet});
        m_sticks.push_back({w, -h, -w * between(0.3f, 0.8f), h});
    }
    void arrow() { // K and k: a stem with two arms from one point
        const float h = between(0.6f, 0.75f), w = between(0.3f, 0.5f), x = -w / 2;
        const float joint = h * between(-0.2f, 0.3f);
        const float top = between(0, 1) < 0.5f ? -h : joint - h * between(0.4f, 0.7f); // K or k
        m_sticks.push_back({x, -h, x, h});
        m_sticks.push_back({x, joint, x + w, top});
        m_sticks.push_back({x + w * between(0.0f, 0.3f), joint, x + w, h});
    }
    void apex() { // A: two legs meeting at the top, and a bar between them
        const float h = between(0.6f, 0.75f), w = between(0.3f, 0.55f);
        const float peak = w * between(-0.15f, 0.15f), bar = between(0.35f, 0.65f);
        m_sticks.push_back({-w, h, peak, -h});
        m_sticks.push_back({w, h, peak, -h});
        const float y = -h + 2 * h * bar;
        m_sticks.push_back({-w + (peak + w) * (1 - bar), y, w + (peak - w) * (1 - bar), y});
    }
    // Arcs of an ellipse as chains of short sticks: a C (a 0 open to the right), an e (a C with a
    // bar across its middle) or a ? (a 2's hook, a short stem and a dot under it).
    void arc() {
        const float rx = between(0.35f, 0.6f), ry = between(0.6f, 0.75f);
        const float kind = between(0, 3);
        std::vector<std::pair<float, float>> points;
        const auto ellipse = [&](float from, float to, float cx, float cy, float sx, float sy) {
            constexpr int kArcSticks = 10;
            for (int i = 0; i <= kArcSticks; ++i) {
                const float a = from + (to - from) * float(i) / kArcSticks;
                points.emplace_back(cx + sx * std::cos(a), cy + sy * std::sin(a));
            }
        };
        const float pi = float(M_PI);
        if (kind < 1) { // C
            const float open = between(0.35f, 0.9f);
            ellipse(-open, -2 * pi + open, 0, 0, rx, ry);
            join(points, false);
        } else if (kind < 2) { // e
            m_sticks.push_back({-rx, 0, rx, 0});
            ellipse(0, -2 * pi + between(0.5f, 1.0f), 0, 0, rx, ry);
            join(points, false);
        } else { // ?
            const float cy = -ry / 2;
            ellipse(-pi * between(1.0f, 1.2f), pi / 2, 0, cy, rx, ry / 2);
            points.emplace_back(0, ry * between(0.25f, 0.4f));
            join(points, false);
            const float dot = ry * between(0.75f, 0.85f);
            m_sticks.push_back({0, dot, 0, dot + 0.06f});
        }
    }
    // Hands slant, squeeze and turn what they draw; then the figure is framed as the
    // preprocessing frames a picture: its longer side 20 of the 28 pixels, centred.
    void frame() {
        const float turn = between(-0.26f, 0.26f), c = std::cos(turn), s = std::sin(turn);
        const float slant = between(-0.45f, 0.45f), aspect = between(0.6f, 1.4f);
        float left = 1e9f, right = -1e9f, top = 1e9f, bottom = -1e9f;
        const auto place = [&](float &x, float &y) {
            const float sx = (x - slant * y) * aspect, sy = y / aspect;
            x = c * sx - s * sy;
            y = s * sx + c * sy;
            left = std::min(left, x), right = std::max(right, x);
            top = std::min(top, y), bottom = std::max(bottom, y);
        };
        for (Stick &stick : m_sticks) {
            place(stick[0], stick[1]);
            place(stick[2], stick[3]);
        }
        const float scale = kDigitBoxInGrid / std::max({right - left, bottom - top, 0.1f});
        const float cx = (left + right) / 2, cy = (top + bottom) / 2;
        for (Stick &stick : m_sticks)
            stick = {(stick[0] - cx) * scale, (stick[1] - cy) * scale, (stick[2] - cx) * scale,
                     (stick[3] - cy) * scale};
    }

    const float *m_random;
    int m_next = 0;
    std::vector<Stick> m_sticks;
};
} // namespace

std::vector<Stick> makeFigureSticks(const float *uniforms) {
    return StickFigureMaker(uniforms).make();
}

std::vector<Stick> makeFigureSticks(const float *uniforms, FigureKind kind) {
    return StickFigureMaker(uniforms).make(kind);
}

} // namespace digitpad
