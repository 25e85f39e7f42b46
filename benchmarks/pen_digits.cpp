#include "pen_digits.h"

#include <QPainter>
#include <QPainterPath>
#include <QTransform>
#include <cmath>

namespace {
QPolygonF ellipse(double cx, double cy, double rx, double ry, double fromDegrees = 0,
                  double spanDegrees = 360) {
    QPolygonF points;
    const int steps = 40;
    for (int i = 0; i <= steps; ++i) {
        const double a = (fromDegrees + spanDegrees * i / steps) * M_PI / 180.0;
        points << QPointF(cx + rx * std::cos(a), cy + ry * std::sin(a));
    }
    return points;
}

QPolygonF line(std::initializer_list<QPointF> points) {
    return QPolygonF(QList<QPointF>(points));
}
} // namespace

const QList<PenDigitStyle> &penDigitStyles() {
    static const QList<PenDigitStyle> styles = {
        {0, QStringLiteral("oval 0"), {ellipse(0.5, 0.5, 0.3, 0.45)}},
        {0, QStringLiteral("round 0"), {ellipse(0.5, 0.5, 0.42, 0.45, -80, 350)}},
        {1, QStringLiteral("stick 1"), {line({{0.5, 0.05}, {0.5, 0.95}})}},
        {1,
         QStringLiteral("european 1"),
         {line({{0.25, 0.3}, {0.55, 0.05}, {0.55, 0.95}}), line({{0.3, 0.95}, {0.8, 0.95}})}},
        {1, QStringLiteral("flag 1"), {line({{0.3, 0.25}, {0.55, 0.05}, {0.55, 0.95}})}},
        {2,
         QStringLiteral("curved 2"),
         {line({{0.2, 0.28},
                {0.3, 0.1},
                {0.5, 0.04},
                {0.72, 0.1},
                {0.8, 0.28},
                {0.7, 0.48},
                {0.2, 0.95},
                {0.85, 0.95}})}},
        {2,
         QStringLiteral("looped 2"),
         {line({{0.2, 0.25},
                {0.45, 0.04},
                {0.78, 0.2},
                {0.6, 0.55},
                {0.25, 0.92},
                {0.2, 0.8},
                {0.35, 0.78},
                {0.5, 0.95},
                {0.85, 0.92}})}},
        {3,
         QStringLiteral("round 3"),
         {line({{0.2, 0.15},
                {0.5, 0.04},
                {0.8, 0.18},
                {0.75, 0.38},
                {0.45, 0.48},
                {0.8, 0.6},
                {0.82, 0.82},
                {0.5, 0.96},
                {0.18, 0.85}})}},
        {3,
         QStringLiteral("flat-top 3"),
         {line({{0.18, 0.05},
                {0.82, 0.05},
                {0.45, 0.42},
                {0.78, 0.55},
                {0.82, 0.8},
                {0.55, 0.96},
                {0.18, 0.86}})}},
        {4,
         QStringLiteral("closed 4"),
         {line({{0.65, 0.05}, {0.12, 0.66}, {0.88, 0.66}}), line({{0.65, 0.05}, {0.65, 0.95}})}},
        {4,
         QStringLiteral("open 4"),
         {line({{0.2, 0.05}, {0.18, 0.55}, {0.85, 0.55}}), line({{0.68, 0.05}, {0.68, 0.95}})}},
        {5,
         QStringLiteral("5"),
         {line({{0.8, 0.05},
                {0.28, 0.05},
                {0.24, 0.45},
                {0.5, 0.38},
                {0.78, 0.52},
                {0.8, 0.8},
                {0.55, 0.96},
                {0.18, 0.86}})}},
        {6,
         QStringLiteral("6"),
         {line({{0.72, 0.05},
                {0.4, 0.3},
                {0.22, 0.62},
                {0.28, 0.88},
                {0.52, 0.96},
                {0.76, 0.82},
                {0.74, 0.6},
                {0.5, 0.5},
                {0.26, 0.62}})}},
        {7, QStringLiteral("plain 7"), {line({{0.15, 0.08}, {0.85, 0.08}, {0.4, 0.95}})}},
        {7,
         QStringLiteral("european 7"),
         {line({{0.15, 0.12}, {0.85, 0.08}, {0.42, 0.95}}), line({{0.35, 0.52}, {0.8, 0.5}})}},
        {8, QStringLiteral("8"), {ellipse(0.5, 0.27, 0.24, 0.22), ellipse(0.5, 0.71, 0.3, 0.25)}},
        {8,
         QStringLiteral("one-stroke 8"),
         {line({{0.75, 0.15},
                {0.5, 0.04},
                {0.25, 0.18},
                {0.3, 0.38},
                {0.7, 0.62},
                {0.72, 0.86},
                {0.5, 0.96},
                {0.26, 0.86},
                {0.3, 0.62},
                {0.7, 0.38},
                {0.75, 0.15}})}},
        {9,
         QStringLiteral("straight 9"),
         {ellipse(0.48, 0.3, 0.28, 0.25), line({{0.76, 0.3}, {0.74, 0.95}})}},
        {9,
         QStringLiteral("curved 9"),
         {ellipse(0.48, 0.3, 0.28, 0.25),
          line({{0.76, 0.3}, {0.72, 0.7}, {0.55, 0.92}, {0.3, 0.9}})}},
    };
    return styles;
}

const QList<PenDigitStyle> &penNonDigitStyles() {
    static const QList<PenDigitStyle> styles = {
        {-1,
         QStringLiteral("letter A"),
         {line({{0.1, 0.95}, {0.5, 0.05}, {0.9, 0.95}}), line({{0.28, 0.6}, {0.72, 0.6}})}},
        {-1,
         QStringLiteral("letter E"),
         {line({{0.85, 0.05}, {0.2, 0.05}, {0.2, 0.95}, {0.85, 0.95}}),
          line({{0.2, 0.5}, {0.7, 0.5}})}},
        {-1,
         QStringLiteral("letter F"),
         {line({{0.85, 0.05}, {0.2, 0.05}, {0.2, 0.95}}), line({{0.2, 0.5}, {0.7, 0.5}})}},
        {-1,
         QStringLiteral("letter H"),
         {line({{0.2, 0.05}, {0.2, 0.95}}), line({{0.8, 0.05}, {0.8, 0.95}}),
          line({{0.2, 0.5}, {0.8, 0.5}})}},
        {-1,
         QStringLiteral("letter K"),
         {line({{0.2, 0.05}, {0.2, 0.95}}), line({{0.8, 0.05}, {0.2, 0.55}, {0.85, 0.95}})}},
        {-1,
         QStringLiteral("letter M"),
         {line({{0.1, 0.95}, {0.15, 0.05}, {0.5, 0.6}, {0.85, 0.05}, {0.9, 0.95}})}},
        {-1,
         QStringLiteral("letter W"),
         {line({{0.05, 0.05}, {0.25, 0.95}, {0.5, 0.35}, {0.75, 0.95}, {0.95, 0.05}})}},
        {-1,
         QStringLiteral("letter X"),
         {line({{0.1, 0.05}, {0.9, 0.95}}), line({{0.9, 0.05}, {0.1, 0.95}})}},
        {-1,
         QStringLiteral("letter R"),
         {line({{0.2, 0.95},
                {0.2, 0.05},
                {0.65, 0.05},
                {0.8, 0.2},
                {0.65, 0.45},
                {0.2, 0.45},
                {0.8, 0.95}})}},
        {-1,
         QStringLiteral("letter T"),
         {line({{0.1, 0.05}, {0.9, 0.05}}), line({{0.5, 0.05}, {0.5, 0.95}})}},
        {-1,
         QStringLiteral("letter t"),
         {line({{0.45, 0.05}, {0.45, 0.85}, {0.55, 0.95}, {0.75, 0.9}}),
          line({{0.15, 0.3}, {0.8, 0.3}})}},
        {-1,
         QStringLiteral("letter y"),
         {line({{0.15, 0.05}, {0.5, 0.55}}), line({{0.85, 0.05}, {0.45, 0.7}, {0.25, 0.95}})}},
        {-1,
         QStringLiteral("letter k"),
         {line({{0.2, 0.05}, {0.2, 0.95}}), line({{0.75, 0.35}, {0.2, 0.7}}),
          line({{0.4, 0.6}, {0.8, 0.95}})}},
        {-1,
         QStringLiteral("letter f"),
         {line({{0.8, 0.12}, {0.65, 0.05}, {0.5, 0.1}, {0.45, 0.25}, {0.45, 0.95}}),
          line({{0.2, 0.4}, {0.75, 0.4}})}},
        {-1,
         QStringLiteral("letter P"),
         {line({{0.2, 0.95},
                {0.2, 0.05},
                {0.6, 0.05},
                {0.8, 0.18},
                {0.8, 0.35},
                {0.6, 0.5},
                {0.2, 0.5}})}},
        {-1,
         QStringLiteral("letter p"),
         {line({{0.25, 0.05}, {0.25, 0.95}}), ellipse(0.5, 0.28, 0.25, 0.23)}},
        {-1,
         QStringLiteral("letter e"),
         {line({{0.15, 0.5}, {0.85, 0.5}}), ellipse(0.5, 0.5, 0.35, 0.45, 0, -300)}},
        {-1, QStringLiteral("letter c"), {ellipse(0.55, 0.5, 0.4, 0.45, -45, -270)}},
        {-1,
         QStringLiteral("question mark"),
         {ellipse(0.5, 0.28, 0.3, 0.23, -180, 240), line({{0.65, 0.48}, {0.5, 0.58}, {0.5, 0.72}}),
          line({{0.5, 0.88}, {0.5, 0.92}})}},
        {-1,
         QStringLiteral("bracket ]"),
         {line({{0.3, 0.05}, {0.65, 0.05}, {0.65, 0.95}, {0.3, 0.95}})}},
        {-1,
         QStringLiteral("ampersand"),
         {line({{0.9, 0.95},
                {0.3, 0.35},
                {0.35, 0.1},
                {0.55, 0.1},
                {0.6, 0.25},
                {0.25, 0.6},
                {0.2, 0.8},
                {0.35, 0.95},
                {0.6, 0.9},
                {0.85, 0.6}})}},
        {-1,
         QStringLiteral("dollar"),
         {line({{0.8, 0.15},
                {0.6, 0.05},
                {0.35, 0.07},
                {0.2, 0.22},
                {0.35, 0.42},
                {0.65, 0.55},
                {0.8, 0.72},
                {0.65, 0.92},
                {0.35, 0.95},
                {0.15, 0.85}}),
          line({{0.5, 0.0}, {0.5, 1.0}})}},
        {-1,
         QStringLiteral("triangle"),
         {line({{0.5, 0.05}, {0.95, 0.9}, {0.05, 0.9}, {0.5, 0.05}})}},
        {-1,
         QStringLiteral("square"),
         {line({{0.1, 0.1}, {0.9, 0.1}, {0.9, 0.9}, {0.1, 0.9}, {0.1, 0.1}})}},
        {-1,
         QStringLiteral("star"),
         {line(
             {{0.5, 0.02}, {0.68, 0.95}, {0.05, 0.35}, {0.95, 0.35}, {0.32, 0.95}, {0.5, 0.02}})}},
        {-1,
         QStringLiteral("plus"),
         {line({{0.5, 0.05}, {0.5, 0.95}}), line({{0.05, 0.5}, {0.95, 0.5}})}},
        {-1,
         QStringLiteral("hash"),
         {line({{0.35, 0.05}, {0.3, 0.95}}), line({{0.7, 0.05}, {0.65, 0.95}}),
          line({{0.05, 0.35}, {0.95, 0.35}}), line({{0.05, 0.68}, {0.95, 0.68}})}},
        {-1,
         QStringLiteral("spiral"),
         {ellipse(0.5, 0.5, 0.12, 0.12), ellipse(0.5, 0.5, 0.28, 0.28),
          ellipse(0.5, 0.5, 0.45, 0.45, 0, 300)}},
        {-1,
         QStringLiteral("crossed-out 4"),
         {line({{0.65, 0.05}, {0.12, 0.66}, {0.88, 0.66}}), line({{0.65, 0.05}, {0.65, 0.95}}),
          line({{0.0, 0.0}, {1.0, 1.0}}), line({{1.0, 0.0}, {0.0, 1.0}})}},
        {-1, QStringLiteral("scribble"), {}}, // a random zigzag, fresh for every sample
    };
    return styles;
}

PenDigit drawPenDigit(const PenDigitStyle &style, QRandomGenerator &random) {
    const auto between = [&random](double low, double high) {
        return low + (high - low) * random.generateDouble();
    };
    const QSize canvas(int(between(200, 900)), int(between(200, 900)));
    const double height = between(0.08, 0.85) * std::min(canvas.width(), canvas.height());
    const double width = height * between(0.45, 1.0);
    const double slant = between(-0.3, 0.7); // x moves right by slant * (distance up)
    const double rotation = between(-15, 15);
    const double pen = std::max(1.0, height * between(0.01, 0.22));
    const QPointF origin(between(0, canvas.width() - width - height * 0.4) + height * 0.2,
                         between(0, canvas.height() - height));
    QTransform shape;
    shape.translate(origin.x() + width / 2, origin.y() + height / 2);
    shape.rotate(rotation);
    shape.shear(-slant, 0);
    shape.scale(width, height);
    shape.translate(-0.5, -0.5);

    const bool inverted = random.bounded(10) < 3;
    const QColor paper = inverted ? QColor::fromHsv(random.bounded(360), 80, 40)
                                  : QColor::fromHsv(random.bounded(360), 30, 235);
    const QColor ink = inverted ? QColor::fromHsv(random.bounded(360), 40, 245)
                                : QColor::fromHsv(random.bounded(360), 200, 50);
    QImage image(canvas, QImage::Format_ARGB32);
    image.fill(paper);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(ink, pen, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    QList<QPolygonF> strokes = style.strokes;
    if (strokes.isEmpty()) { // a scribble: a dozen random turns inside the box
        QPolygonF zigzag;
        for (int i = 0; i < 12; ++i)
            zigzag << QPointF(between(0, 1), between(0, 1));
        strokes << zigzag;
    }
    for (const QPolygonF &stroke : strokes) {
        QPolygonF placed;
        for (const QPointF &point : stroke) // a hand wobbles: up to 4% of the height
            placed << shape.map(point) +
                          QPointF(between(-0.04, 0.04), between(-0.04, 0.04)) * height;
        painter.drawPolyline(placed);
    }
    painter.end();
    return {style.digit, style.name, image};
}
