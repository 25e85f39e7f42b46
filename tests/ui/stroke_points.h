#pragma once

#include <QList>
#include <QPoint>
#include <QTest>
#include <QWidget>

// Points along a straight stroke, for drawing on a canvas with QTest mouse events.
inline QList<QPoint> strokeLine(QPoint from, QPoint to, int steps) {
    QList<QPoint> points;
    for (int i = 0; i <= steps; ++i)
        points << from + (to - from) * i / steps;
    return points;
}

// One pen stroke through `points` on `canvas`, as a user draws it: press, moves, release.
inline void drawStroke(QWidget *canvas, const QList<QPoint> &points) {
    QTest::mousePress(canvas, Qt::LeftButton, Qt::NoModifier, points.first());
    for (const QPoint &point : points.mid(1))
        QTest::mouseMove(canvas, point);
    QTest::mouseRelease(canvas, Qt::LeftButton, Qt::NoModifier, points.last());
}
