#pragma once

#include <QList>
#include <QRect>
#include <QSize>

// Where a tool window (Inside the Network) opens by the main window, as a frame in screen
// coordinates. Beside the main window, on the side with more room, when the screen has room there
// for the tool's minimum width: as wide as the room, up to `preferred`. Else over the main window,
// at its minimum width, where it covers the least of `keepInView` (screen rectangles, the most
// important first, such as the canvas and then the reading beside it).
QRect placeBeside(const QRect &screen, const QRect &mainFrame, const QList<QRect> &keepInView,
                  const QSize &preferred, const QSize &minimum);
