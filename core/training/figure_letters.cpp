// Letters and symbols built from a digit's strokes: what people write when they do not write a
// digit. Each keeps what tells it apart from the digit it resembles: a T's stem falls from near
// its bar's middle (a 7's from its end), a C and a U stay open (a closed one is a 0), a u's tail
// ends at its base (an open 4's stem goes on below it).
#include "figure_drawing.h"

#include <algorithm>
#include <cmath>

namespace digitpad {

namespace {
constexpr float kPi = float(M_PI);

// T is a bar on a 1, its stem from near the bar's middle; a t's bar crosses the stem high up.
void tee(FigureDrawing &d) {
    const float h = d.between(0.6f, 0.75f), w = d.between(0.3f, 0.55f);
    if (d.coin()) {
        const float x = w * d.between(-0.2f, 0.2f);
        d.stick(-w, -h, w, -h);
        d.stick(x, -h, x, h);
        return;
    }
    const float y = h * d.between(-0.65f, -0.2f);
    d.stick(0, -h, 0, h);
    d.stick(-w * d.between(0.5f, 1.0f), y, w * d.between(0.5f, 1.0f), y);
}

void fork(FigureDrawing &d) { // Y: two arms meeting on a stem; y: a short arm meeting a long one
    const float h = d.between(0.6f, 0.75f), w = d.between(0.3f, 0.55f);
    const float meet = h * d.between(-0.15f, 0.25f);
    if (d.coin()) {
        d.stick(-w, -h, 0, meet);
        d.stick(w, -h, 0, meet);
        d.stick(0, meet, 0, h);
        return;
    }
    const float x = w * d.between(-0.3f, 0.0f);
    d.stick(-w, -h * d.between(0.5f, 1.0f), x, meet);
    d.stick(w, -h, -w * d.between(0.3f, 0.8f), h);
}

void arrow(FigureDrawing &d) { // K and k: a stem with two arms from one point
    const float h = d.between(0.6f, 0.75f), w = d.between(0.3f, 0.5f), x = -w / 2;
    const float joint = h * d.between(-0.2f, 0.3f);
    const float top = d.coin() ? -h : joint - h * d.between(0.4f, 0.7f); // K or k
    d.stick(x, -h, x, h);
    d.stick(x, joint, x + w, top);
    d.stick(x + w * d.between(0.0f, 0.3f), joint, x + w, h);
}

void apex(FigureDrawing &d) { // A: two legs meeting at the top, and a bar between them
    const float h = d.between(0.6f, 0.75f), w = d.between(0.3f, 0.55f);
    const float peak = w * d.between(-0.15f, 0.15f), bar = d.between(0.35f, 0.65f);
    d.stick(-w, h, peak, -h);
    d.stick(w, h, peak, -h);
    const float y = -h + 2 * h * bar;
    d.stick(-w + (peak + w) * (1 - bar), y, w + (peak - w) * (1 - bar), y);
}

// A C (a 0 open to the right), an e (a C with a bar across its middle) or a ? (a 2's hook, a
// short stem and a dot under it).
void arc(FigureDrawing &d) {
    constexpr int kArcSticks = 10;
    const float rx = d.between(0.35f, 0.6f), ry = d.between(0.6f, 0.75f);
    const float kind = d.between(0, 3);
    FigureDrawing::Points points;
    if (kind < 1) { // C
        const float open = d.between(0.35f, 0.9f);
        appendArc(points, -open, -2 * kPi + open, 0, 0, rx, ry, kArcSticks);
        d.join(points, false);
    } else if (kind < 2) { // e
        d.stick(-rx, 0, rx, 0);
        appendArc(points, 0, -2 * kPi + d.between(0.5f, 1.0f), 0, 0, rx, ry, kArcSticks);
        d.join(points, false);
    } else { // ?
        appendArc(points, -kPi * d.between(1.0f, 1.2f), kPi / 2, 0, -ry / 2, rx, ry / 2,
                  kArcSticks);
        points.emplace_back(0, ry * d.between(0.25f, 0.4f));
        d.join(points, false);
        const float dot = ry * d.between(0.75f, 0.85f);
        d.stick(0, dot, 0, dot + 0.06f);
    }
}

// <, >, ^ and V: two arms from one point; L: a stem and a foot; N: two stems and a diagonal.
void angle(FigureDrawing &d) {
    const float h = d.between(0.6f, 0.75f), kind = d.between(0, 6);
    if (kind < 1) { // L
        const float w = h * d.between(0.5f, 0.9f);
        d.stick(-w / 2, -h, -w / 2, h);
        d.stick(-w / 2, h, w / 2, h + d.between(-0.05f, 0.05f));
        return;
    }
    if (kind < 2) { // N
        const float w = h * d.between(0.5f, 0.9f);
        d.join({{-w, h}, {-w, -h}, {w, h}, {w, -h * d.between(0.9f, 1.1f)}}, false);
        return;
    }
    // The way the angle opens: to the right (<), down (^), to the left (>) or up (V).
    const float axis = kPi / 2 * std::floor(kind - 2);
    const float spread = d.between(0.3f, 0.7f); // half the angle between the arms
    const float vx = -h * std::cos(axis), vy = -h * std::sin(axis);
    for (const float side : {-1.0f, 1.0f}) {
        const float a = axis + side * spread * d.between(0.8f, 1.2f);
        const float length = 2 * h * d.between(0.85f, 1.1f);
        d.stick(vx, vy, vx + length * std::cos(a), vy + length * std::sin(a));
    }
}

// [ and ]: a stem with a tooth at each end, both to one side; { and }: a curly one, its ends to
// that side and its middle pointing away.
void bracket(FigureDrawing &d) {
    const float h = d.between(0.6f, 0.75f), w = d.between(0.2f, 0.4f);
    const float side = d.coin() ? 1.0f : -1.0f;
    if (d.coin()) {
        d.stick(0, -h, 0, h);
        d.stick(0, -h, side * w, -h + d.between(-0.05f, 0.05f));
        d.stick(0, h, side * w, h + d.between(-0.05f, 0.05f));
        return;
    }
    const float nose = -side * w * d.between(0.5f, 1.0f);
    d.join({{side * w, -h},
            {0, -h * 0.8f},
            {0, -h * 0.15f},
            {nose, 0},
            {0, h * 0.15f},
            {0, h * 0.8f},
            {side * w, h}},
           false);
}

// n, h and m: stems with arches over them; r: a stem with half an arch; u and U: a cup, a u's
// tail ending at its base.
void arch(FigureDrawing &d) {
    constexpr int kArchSticks = 6;
    const float h = d.between(0.6f, 0.75f), w = d.between(0.3f, 0.5f);
    const float ry = h * d.between(0.3f, 0.6f), kind = d.between(0, 6);
    FigureDrawing::Points points;
    if (kind < 4) { // n, h, m, r: a stem, and arches from it down to the base
        const float top = kind < 1 ? h * d.between(-0.2f, 0.1f) : -h; // h: the arch low
        d.stick(-w, h, -w, kind < 1 ? -h : top);
        const int arches = kind >= 2 && kind < 3 ? 2 : 1;
        const float width = 2 * w / float(arches);
        for (int i = 0; i < arches; ++i) {
            FigureDrawing::Points one;
            const float left = -w + width * float(i);
            const float end = kind >= 3 ? 1.75f * kPi : 2 * kPi; // r: half an arch
            appendArc(one, kPi, end, left + width / 2, top + ry, width / 2, ry, kArchSticks);
            if (kind < 3)
                one.emplace_back(left + width, h);
            d.join(one, false);
        }
        return;
    }
    // u and U: down one side, round the bottom, up the other
    const float top = kind < 5 ? -h * d.between(0.1f, 0.4f) : -h;
    points.emplace_back(-w, top);
    appendArc(points, kPi, 0, 0, h - ry, w, ry, kArchSticks);
    points.emplace_back(w, top);
    d.join(points, false);
    if (kind < 5 && d.coin())
        d.stick(w, h - ry, w + w * d.between(0.0f, 0.2f), h);
}

// !, =, ~ and %.
void mark(FigureDrawing &d) {
    const float h = d.between(0.6f, 0.75f), w = d.between(0.4f, 0.7f), kind = d.between(0, 4);
    if (kind < 1) { // !
        d.stick(0, -h, d.between(-0.05f, 0.05f), h * d.between(0.25f, 0.5f));
        const float dot = h * d.between(0.8f, 0.95f);
        d.stick(0, dot, 0, dot + 0.06f);
    } else if (kind < 2) { // =
        const float gap = w * d.between(0.2f, 0.5f);
        d.stick(-w, -gap, w * d.between(0.8f, 1.1f), -gap + d.between(-0.05f, 0.05f));
        d.stick(-w * d.between(0.8f, 1.1f), gap, w, gap + d.between(-0.05f, 0.05f));
    } else if (kind < 3) { // ~
        constexpr int kWaveSticks = 8;
        const float amplitude = w * d.between(0.15f, 0.35f), phase = d.between(0, 0.5f);
        FigureDrawing::Points points;
        for (int i = 0; i <= kWaveSticks; ++i) {
            const float t = float(i) / kWaveSticks;
            points.emplace_back(-w + 2 * w * t,
                                amplitude * std::sin(2 * kPi * (phase + 1.25f * t)));
        }
        d.join(points, false);
    } else { // %: a slash between two small rings
        constexpr int kRingSticks = 8;
        const float r = h * d.between(0.15f, 0.25f);
        d.stick(w * 0.7f, -h, -w * 0.7f, h);
        for (const float side : {-1.0f, 1.0f}) {
            FigureDrawing::Points ring;
            appendArc(ring, 0, 2 * kPi, side * w * 0.6f, side * h * 0.55f, r, r, kRingSticks);
            d.join(ring, false);
        }
    }
}

// $ (an S with a stroke through it), € (a C with two bars across) and f (a hooked stem with a
// bar across).
void struck(FigureDrawing &d) {
    constexpr int kCurveSticks = 7;
    const float h = d.between(0.6f, 0.75f), w = d.between(0.3f, 0.5f), kind = d.between(0, 3);
    FigureDrawing::Points points;
    if (kind < 1) { // $
        const float r = h / 2;
        appendArc(points, -0.2f * kPi, -1.5f * kPi, 0, -r, w, r, kCurveSticks);
        appendArc(points, -0.5f * kPi, 0.8f * kPi, 0, r, w, r, kCurveSticks);
        d.join(points, false);
        const float x = w * d.between(-0.1f, 0.1f);
        d.stick(x, -h * 1.2f, -x, h * 1.2f);
    } else if (kind < 2) { // €
        const float open = d.between(0.4f, 0.8f);
        appendArc(points, -open, -2 * kPi + open, 0, 0, w, h, kCurveSticks + 3);
        d.join(points, false);
        const float gap = h * d.between(0.12f, 0.25f), reach = w * d.between(0.2f, 0.6f);
        d.stick(-w * 1.3f, -gap, reach, -gap);
        d.stick(-w * 1.3f, gap, reach * d.between(0.7f, 1.0f), gap);
    } else { // f
        const float r = w * d.between(0.4f, 0.7f);
        points.emplace_back(0, h);
        appendArc(points, kPi, 1.8f * kPi, r, -h + r, r, r, kCurveSticks);
        d.join(points, false);
        const float y = -h * d.between(0.1f, 0.4f);
        d.stick(-w * d.between(0.4f, 0.8f), y, w * d.between(0.4f, 0.8f), y);
    }
}
} // namespace

void drawLetter(FigureKind kind, FigureDrawing &drawing) {
    switch (kind) {
    case FigureKind::Tee:
        return tee(drawing);
    case FigureKind::Fork:
        return fork(drawing);
    case FigureKind::Arrow:
        return arrow(drawing);
    case FigureKind::Apex:
        return apex(drawing);
    case FigureKind::Arc:
        return arc(drawing);
    case FigureKind::Angle:
        return angle(drawing);
    case FigureKind::Bracket:
        return bracket(drawing);
    case FigureKind::Arch:
        return arch(drawing);
    case FigureKind::Mark:
        return mark(drawing);
    case FigureKind::Struck:
        return struck(drawing);
    default: // a shape, not a letter: figure_shapes.cpp draws those
        return;
    }
}

} // namespace digitpad
