#pragma once

#include "ink_map.h"

#include <QImage>
#include <QRect>
#include <QTransform>
#include <optional>
#include <vector>

namespace digitpad {

struct DigitSegment;

// Where a piece that may be digits touching can be cut, and its ink between any two of those
// places: places are numbered left to right, 0 the piece's left edge and `places - 1` its right
// edge, the others columns where the outline dips or the ink is thin. A way to cut the piece is a
// path of slices from place 0 to the last; whether it is one wide digit or several, and which
// path is right, is for the reader to judge (by the model).
struct CutLattice {
    struct Slice;
    int places = 0;
    std::vector<Slice> slices; // only those as narrow as a digit can be
};

// One digit of a picture that holds several side by side.
struct DigitSegment {
    QRect box; // where it is, in the picture's pixels
    // That digit's ink alone, ready for preprocessImage(): the picture itself, or cut out of it
    // as black ink on a transparent sheet.
    QImage image;
    // From `image`'s pixels to the picture's: the identity when the image is the picture itself.
    QTransform imageToPicture;
    // For a piece wide enough to be digits that touch; empty otherwise.
    CutLattice cuts;
    // When `image` is the picture itself: its ink as segmentation found it, in the picture
    // reduced `stride` times (preprocessFoundInk() reads it without finding it again).
    struct FoundInk {
        InkMap map;
        int stride = 1;
    };
    std::optional<FoundInk> pictureInk;
};

struct CutLattice::Slice {
    int from = 0, to = 0; // places, from < to
    DigitSegment ink;     // the piece's ink between them
};

// Splits a picture into the digits written in a row, left to right. Strokes that touch are one
// piece; pieces above one another (the bar of a 5, the two strokes of a 4) join the digit they
// overlap; specks are dropped; a piece wider than a digit usually is (among other pieces: as
// wide as a wide digit) also comes with ways to cut it (`cuts`: maybe touching digits). A picture
// of one piece gives one segment whose image is the picture itself, so the common case reads
// exactly as before, unless specks are sprinkled all over it: then it is the digit's ink alone, as
// for several digits. `coverage`: how much of a photographed picture its ink may cover
// (ink_map.h); a segment whose image is the picture itself carries the ink so found. Throws
// digitpad::Error when the picture holds no ink.
std::vector<DigitSegment> segmentDigits(const QImage &picture,
                                        InkCoverage coverage = InkCoverage::Sparse);

} // namespace digitpad
