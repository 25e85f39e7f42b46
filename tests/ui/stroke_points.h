#pragma once

#include <QList>
#include <QPoint>

// Points along a straight stroke, for drawing on a canvas with QTest mouse events.
inline QList<QPoint> strokeLine(QPoint from, QPoint to, int steps) {
    QList<QPoint> points;
    for (int i = 0; i <= steps; ++i)
        points << from + (to - from) * i / steps;
    return points;
}
