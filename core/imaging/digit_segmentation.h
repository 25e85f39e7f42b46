#pragma once

#include <QImage>
#include <QRect>
#include <QTransform>
#include <vector>

namespace digitpad {

// One digit of a picture that holds several side by side.
struct DigitSegment {
    QRect box;    // where it is, in the picture's pixels
    QImage image; // that digit's ink alone, dark on white, ready for preprocessImage()
    // From `image`'s pixels to the picture's: the identity when the image is the picture itself.
    QTransform imageToPicture;
    // For a piece wide enough to be digits that touch: ways to cut it, each into its parts left
    // to right (where the outline dips, then where the ink is thinnest). Whether it is one wide
    // digit or several, and which cut is right, is for the reader to judge (by the model).
    std::vector<std::vector<DigitSegment>> cuts;
};

// Splits a picture into the digits written in a row, left to right. Strokes that touch are one
// piece; pieces above one another (the bar of a 5, the two strokes of a 4) join the digit they
// overlap; specks are dropped; a piece wider than a digit usually is also comes with ways to
// cut it where its ink is thin (`cuts`: maybe touching digits). A picture of one piece gives one
// segment whose image is the picture itself, so the common case reads exactly as before, unless
// specks are sprinkled all over it: then it is the digit's ink alone, as for several digits. Throws
// digitpad::Error when the picture holds no ink.
std::vector<DigitSegment> segmentDigits(const QImage &picture);

} // namespace digitpad
