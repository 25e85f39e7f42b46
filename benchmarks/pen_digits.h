#pragma once

#include <QImage>
#include <QList>
#include <QPolygonF>
#include <QRandomGenerator>
#include <QString>

// Digits no MNIST writer drew: skeletons of every digit in common styles (closed and open 4,
// European 1 and 7, flat-topped 3, ...) drawn as pen strokes with random slant, rotation,
// proportions, wobble, pen width, size, position, canvas size and colours. For measuring how
// well a model reads other hands; never for training (DigitPad learns from handwriting only).
struct PenDigitStyle {
    int digit = 0;
    QString name;             // "european 7", ...
    QList<QPolygonF> strokes; // in a unit box, x right, y down
};

// Every style of every digit (at least one per digit).
const QList<PenDigitStyle> &penDigitStyles();
// Things people draw that are no digit: letters, shapes, scribbles, crossed-out marks (digit -1).
// Random scribbles are made fresh for every sample by drawPenDigit().
const QList<PenDigitStyle> &penNonDigitStyles();

struct PenDigit {
    int digit = 0;
    QString style;
    QImage image;
};

// One randomly drawn sample of `style`.
PenDigit drawPenDigit(const PenDigitStyle &style, QRandomGenerator &random);
