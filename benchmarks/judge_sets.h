#pragma once

// The pictures bench_judge reads: judging twins made by processes unlike the ones DigitPad was
// tuned on (pen_digits.h's pen model, bench_numbers' layout, the training augmentation). Nothing
// here knows a model; every maker takes the random generator it draws from, so a seed fixes a set.

#include <QColor>
#include <QImage>
#include <QList>
#include <QPainterPath>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

namespace digitpad {
struct Dataset;
}

inline constexpr double kPi = 3.14159265358979323846;

// Uniform in [low, high); `between` includes both ends.
double uniform(QRandomGenerator &random, double low, double high);
int between(QRandomGenerator &random, int low, int high);

// A font file from a Debian package, read directly (QRawFont), so that no font matching stands
// between the name printed and the glyphs drawn.
struct JudgeFont {
    QString name;    // "Kristi"
    QString package; // "fonts-kristi"
    QString file;
};
// Every font bench_judge draws with, installed or not.
const QList<JudgeFont> &judgeFonts();

// The glyph's outline at a large pixel size, baseline at y = 0; empty when the font lacks it.
QPainterPath glyphOutline(const QString &fontFile, QChar glyph);

// Letters and symbols people write that no reader could take for a digit, and the letters left
// out because in some hand they are one (O is 0, l is 1, Z is 2, S is 5, b is 6, q is 9, ...).
QString judgedLetters();
QString judgedSymbols();
QString lookAlikeLetters();

struct InkAndPaper {
    QColor ink, paper;
};
// A dark ink on light paper, or now and then a light one on a board.
InkAndPaper randomInkAndPaper(QRandomGenerator &random);

// A glyph drawn filled, or its outline traced with a pen.
enum class GlyphDrawing { Filled, Outlined };
// One glyph on a canvas of 280-600 px a side, at a random size, rotation, shear, stretch and
// place, in random colours; an outline is traced with a pen of random width.
QImage drawGlyph(const QPainterPath &outline, GlyphDrawing drawing, QRandomGenerator &random);

// Ink coverage in [0, 1] on a grid of pixels.
struct Coverage {
    int width = 0, height = 0;
    std::vector<float> values;
    float at(int x, int y) const { return values[std::size_t(y) * std::size_t(width) + x]; }
    QRect inkBounds() const; // pixels at least half covered
};
// A pen redrawing an MNIST digit: the enlarged digit is cut at `threshold` (its outline), then
// drawn `widthChange` wider on each side (negative: thinner), in MNIST pixels.
struct RedrawPen {
    double threshold = 0.5;
    double widthChange = 0.0;
};
// `piece` painted into `onto` with its top left at (left, top); ink over ink stays ink.
void stamp(Coverage &onto, const Coverage &piece, int left, int top);
RedrawPen randomRedrawPen(QRandomGenerator &random);
// The 28x28 MNIST digit (ink bright) redrawn `side` px a side, with anti-aliased edges.
Coverage redrawDigit(const std::uint8_t *mnistDigit, int side, const RedrawPen &pen);
// The coverage painted in ink on paper.
QImage paint(const Coverage &coverage, const InkAndPaper &colours);
// A test digit redrawn on a canvas of 280-560 px a side, at a random size and place, with a
// random pen, in random colours.
QImage redrawOnCanvas(const std::uint8_t *mnistDigit, QRandomGenerator &random);

// Damage a photograph of paper does, done to the network's own 28x28 input.
enum class Damage {
    Grain,
    SaltAndPepper,
    Blur,
    Fog,
    Brightness,
    Stripes,
    DottedLine,
    ZigzagLine,
    OutlineOnly
};
const QList<Damage> &allDamage();
QString damageName(Damage damage);
// The damaged digit, 784 bytes, ink bright on black.
std::vector<std::uint8_t> damaged(const std::uint8_t *mnistDigit, Damage damage,
                                  QRandomGenerator &random);
// A 28x28 digit (ink bright) as a picture: 10 times larger, smooth, dark ink on white.
QImage asPicture(const std::uint8_t *digit);
// The same digit as a file of its 28x28 bytes, as an MNIST array is saved.
QImage asFile(const std::uint8_t *digit);

// Digits written as one person writes a number: one pen, each digit its own size, bottoms on a
// sloping, wavering baseline, the space between neighbours measured ink to ink (and now and then
// none: they touch), in random colours.
QImage writeNumber(const std::vector<const std::uint8_t *> &digits, QRandomGenerator &random);

// A few pictures of every set but the doodles, as PNG files in `folder`, to look at.
void writeExamples(const QString &folder, const digitpad::Dataset &test, quint32 seed);
