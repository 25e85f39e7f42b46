// Digits photographed on paper: lighting gradients, shadows, fog, grain, JPEG, colour casts,
// chalk on a board. Each picture is read by readPicture() with a model; a digit reads right only
// when the reading is exactly that one digit (a rejected or extra digit is wrong). Photos of
// things that are no digit, whole or cropped close, are rejected only when no digit is read.
// Two sets made by different processes:
//   tuning: validation digits of the model's own split, enlarged smoothly, on square sheets of
//           400-1000 px (and 1300-3000 px, reduced before reading) under linear gradients, soft
//           or hard straight shadows, fog, Gaussian grain and JPEG at quality 30-85; and at a
//           desk: tinted paper, pens of four colours, a lamp's falloff, an elliptic shadow or a
//           band of shadow across the sheet; a sheet on a table that shows around it; ruled
//           and squared notebook paper; a lamp-lit photo cropped tightly to its digit; lamp-lit
//           photos, whole and cropped tightly, of pen_digits.h's letters, shapes and marks that
//           are no digit; parameters are chosen looking at this set only;
//   twin:   official MNIST test digits drawn rotated and slanted by QPainter on sheets of 300 to
//           3000 px of any aspect, under radial vignettes, shadow polygons with a hard penumbra,
//           paper texture, colour casts, and saved as JPEG at a low quality; such photos cut
//           close to the digit, a side now a little into the ink, now outside it; letters and
//           symbols of the judging fonts (judge_sets.h), filled, whole and cut close. Run it at
//           the end.
//   bench_photos [--model FILE] [--set tuning|twin|both] [--count N per kind] [--seed N]
//                [--timing] [--examples DIR] [--kinds KIND,KIND]
#include "bench_stats.h"
#include "checkpoint.h"
#include "error.h"
#include "ink_map.h"
#include "judge_sets.h"
#include "mnist.h"
#include "model_paths.h"
#include "number_reading.h"
#include "pen_digits.h"
#include "picture_reduction.h"
#include "training_data.h"

#include <QBuffer>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QPainter>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTransform>
#include <cmath>
#include <cstdio>
#include <functional>

namespace {

using digitpad::Dataset;

// How a camera saw a sheet: the luminance-independent pieces of a photo. Light scales paper and
// ink alike, per channel (a colour cast); fog lifts everything towards grey; grain adds noise.
struct Photo {
    std::function<double(double u, double v)> light = [](double, double) { return 1.0; };
    QImage shadow;              // Grayscale8 of any size, 255 = fully shadowed; may be null
    double shadowDepth = 0.0;   // light lost under the shadow
    QImage texture;             // Grayscale8 of any size, 128 = even paper; may be null
    double textureStrength = 0; // relative change of the paper at 0 or 255
    double fog = 0.0;           // share of grey haze
    double grain = 0.0;         // deviation of Gaussian noise, in luminance
    std::array<double, 3> cast{1.0, 1.0, 1.0};
    int jpegQuality = 0; // 0: no JPEG
    QImage table;        // Grayscale8 of the picture's size, 255 = the table, not the sheet
    QColor tableColour;
    QImage tableGrain; // Grayscale8 of any size, 128 = even table
};

struct Sheet {
    QColor paper, ink;
};

double gaussian(QRandomGenerator &random) {
    const double u1 = std::max(1e-12, random.generateDouble()), u2 = random.generateDouble();
    return std::sqrt(-2 * std::log(u1)) * std::cos(2 * M_PI * u2);
}

// `coverage` (RGB32, red = share of ink) composed onto the sheet and taken through the photo.
QImage photograph(const QImage &coverage, const Sheet &sheet, const Photo &photo,
                  QRandomGenerator &random) {
    const int width = coverage.width(), height = coverage.height();
    const QImage shadow =
        photo.shadow.isNull()
            ? QImage()
            : photo.shadow.scaled(width, height, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    const QImage texture =
        photo.texture.isNull()
            ? QImage()
            : photo.texture.scaled(width, height, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    const QImage tableGrain = photo.tableGrain.isNull()
                                  ? QImage()
                                  : photo.tableGrain.scaled(width, height, Qt::IgnoreAspectRatio,
                                                            Qt::SmoothTransformation);
    const double table[3] = {photo.tableColour.redF(), photo.tableColour.greenF(),
                             photo.tableColour.blueF()};
    QImage image(width, height, QImage::Format_RGB32);
    const double paper[3] = {sheet.paper.redF(), sheet.paper.greenF(), sheet.paper.blueF()};
    const double ink[3] = {sheet.ink.redF(), sheet.ink.greenF(), sheet.ink.blueF()};
    for (int y = 0; y < height; ++y) {
        const auto *cover = reinterpret_cast<const QRgb *>(coverage.constScanLine(y));
        auto *out = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < width; ++x) {
            const double c = qRed(cover[x]) / 255.0;
            double light = photo.light((x + 0.5) / width, (y + 0.5) / height);
            if (!shadow.isNull())
                light *= 1.0 - photo.shadowDepth * shadow.constScanLine(y)[x] / 255.0;
            const double grain = photo.grain * gaussian(random);
            const double textured =
                texture.isNull()
                    ? 1.0
                    : 1.0 + photo.textureStrength * (texture.constScanLine(y)[x] - 128) / 128.0;
            const double onTable =
                photo.table.isNull() ? 0.0 : photo.table.constScanLine(y)[x] / 255.0;
            const double tableShade =
                tableGrain.isNull() ? 1.0 : 0.8 + 0.4 * tableGrain.constScanLine(y)[x] / 255.0;
            int channel[3];
            for (int k = 0; k < 3; ++k) {
                const double surface =
                    (paper[k] * textured * (1 - c) + ink[k] * c) * (1 - onTable) +
                    table[k] * tableShade * onTable;
                const double seen =
                    photo.fog * 0.75 + (1 - photo.fog) * surface * light * photo.cast[k] + grain;
                channel[k] = std::clamp(int(std::lround(seen * 255)), 0, 255);
            }
            out[x] = qRgb(channel[0], channel[1], channel[2]);
        }
    }
    if (photo.jpegQuality > 0) {
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "JPG", photo.jpegQuality);
        image.loadFromData(bytes, "JPG");
        image = image.convertToFormat(QImage::Format_RGB32);
    }
    return image;
}

QImage mnistDigit(const Dataset &digits, int index) {
    return QImage(digits.image(index), digitpad::kImageSide, digitpad::kImageSide,
                  digitpad::kImageSide, QImage::Format_Grayscale8)
        .convertToFormat(QImage::Format_RGB32);
}

// Low-frequency blotches: a few random values enlarged smoothly.
QImage blotches(QRandomGenerator &random, int cells) {
    QImage small(cells, cells, QImage::Format_Grayscale8);
    for (int y = 0; y < cells; ++y)
        for (int x = 0; x < cells; ++x)
            small.scanLine(y)[x] = uchar(random.bounded(256));
    return small;
}

constexpr int kNoDigit = -1;
struct Sample {
    QImage picture;
    int digit = 0; // kNoDigit for a letter, a shape or a mark
};
// A sheet's coverage (RGB32, red = share of ink) and what is drawn on it.
struct Drawn {
    QImage coverage;
    int digit = 0;
};

// The ink's box on a coverage.
QRect inkBox(const QImage &coverage) {
    QRect box;
    for (int y = 0; y < coverage.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(coverage.constScanLine(y));
        for (int x = 0; x < coverage.width(); ++x)
            if (qRed(line[x]) > 32)
                box |= QRect(x, y, 1, 1);
    }
    return box;
}
using Maker = std::function<Sample(QRandomGenerator &)>;

// A sheet's coverage (red = share of ink) with the digit enlarged smoothly to `digitSide` at a
// random place.
QImage coverageAt(const Dataset &digits, int index, QSize sheet, int digitSide,
                  QRandomGenerator &random) {
    QImage coverage(sheet, QImage::Format_RGB32);
    coverage.fill(Qt::black);
    QPainter painter(&coverage);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.drawImage(QRect(int(random.bounded(sheet.width() - digitSide + 1)),
                            int(random.bounded(sheet.height() - digitSide + 1)), digitSide,
                            digitSide),
                      mnistDigit(digits, index));
    painter.end();
    return coverage;
}

// ---- the tuning set: validation digits, smooth enlargement, straight shading ----
Sample tuningSample(const Dataset &digits, const QString &kind, QRandomGenerator &random) {
    const int index = int(random.bounded(digits.size()));
    const bool large = kind == QLatin1String("large, grain"); // reduced before reading
    const int side = int(large ? uniform(random, 1300, 3000) : uniform(random, 400, 1000));
    const int digitSide = int(side * uniform(random, 0.4, 0.8));
    const QImage coverage = coverageAt(digits, index, {side, side}, digitSide, random);
    Sheet sheet{QColor(235, 235, 230), QColor(25, 25, 35)};
    Photo photo;
    const double angle = uniform(random, 0, 2 * M_PI), dark = uniform(random, 0.3, 0.6);
    const auto linear = [angle, dark](double u, double v) {
        const double t = (std::cos(angle) * (u - 0.5) + std::sin(angle) * (v - 0.5)) / 1.42 + 0.5;
        return 1.0 - (1.0 - dark) * t;
    };
    if (kind == QLatin1String("gradient")) {
        photo.light = linear;
    } else if (kind == QLatin1String("shadow") || kind == QLatin1String("hard shadow")) {
        // A soft edge across a twentieth of the sheet, or a hard one (an object close to the
        // paper) across a few hundredths.
        const bool hard = kind == QLatin1String("hard shadow");
        const int cells = hard ? 256 : 64;
        const double steepness = hard ? uniform(random, 100, 300) : 20;
        QImage shadow(cells, cells, QImage::Format_Grayscale8);
        const double offset = uniform(random, -0.3, 0.3);
        for (int y = 0; y < cells; ++y)
            for (int x = 0; x < cells; ++x) {
                const double across = std::cos(angle) * (x / (cells - 1.0) - 0.5) +
                                      std::sin(angle) * (y / (cells - 1.0) - 0.5);
                shadow.scanLine(y)[x] =
                    uchar(255 * std::clamp((across - offset) * steepness + 0.5, 0.0, 1.0));
            }
        photo.shadow = shadow;
        photo.shadowDepth = uniform(random, 0.3, 0.6);
    } else if (kind == QLatin1String("fog")) {
        photo.fog = uniform(random, 0.5, 0.7);
        photo.light = [linear](double u, double v) { return 0.5 + 0.5 * linear(u, v); };
    } else if (kind == QLatin1String("grain") || large) {
        photo.grain = uniform(random, 0.03, 0.08);
        photo.light = linear;
    } else if (kind == QLatin1String("gradient, JPEG")) { // as a phone saves a photo
        photo.light = linear;
        photo.grain = uniform(random, 0.0, 0.03);
        photo.jpegQuality = int(uniform(random, 30, 85));
    } else if (kind == QLatin1String("chalk")) {
        sheet = {QColor(35, 45, 40), QColor(230, 230, 220)};
        photo.light = linear;
    }
    return {photograph(coverage, sheet, photo, random), digits.labels[std::size_t(index)]};
}

// A photo cut down to its digit, as people crop one before handing it on: the ink's box and a
// margin of at most a twentieth of it on each side, so that strokes touch the frame.
QRect tightCrop(const QImage &coverage, QRandomGenerator &random) {
    const QRect box = inkBox(coverage);
    const auto margin = [&](int side) { return int(side * uniform(random, 0.0, 0.05)); };
    return box.adjusted(-margin(box.width()), -margin(box.height()), margin(box.width()),
                        margin(box.height())) &
           coverage.rect();
}

// Printed lines of a notebook page as a paper texture (128 = the paper).
QImage notebookLines(QSize size, bool squared, QRandomGenerator &random) {
    QImage lines(size, QImage::Format_Grayscale8);
    lines.fill(128);
    const double spacing = std::min(size.width(), size.height()) * uniform(random, 0.04, 0.09);
    const int thickness = 1 + int(random.bounded(3));
    const int depth = int(128 * uniform(random, 0.2, 0.45));
    const double offset = uniform(random, 0, spacing);
    for (int y = 0; y < size.height(); ++y)
        for (int x = 0; x < size.width(); ++x) {
            const bool onRow = std::fmod(y + offset, spacing) < thickness;
            const bool onColumn = squared && std::fmod(x + offset, spacing) < thickness;
            if (onRow || onColumn)
                lines.scanLine(y)[x] = uchar(128 - depth);
        }
    return lines;
}

// ---- the tuning set, at a desk: tinted paper, pens of several colours, a lamp's falloff or an
// object's shadow, sheets of any aspect, JPEG ----
Sample photographedAtDesk(const Drawn &drawn, const QString &kind, QRandomGenerator &random) {
    const QImage &coverage = drawn.coverage;
    const int width = coverage.width(), height = coverage.height();
    static const QColor papers[] = {QColor(245, 245, 240), QColor(250, 238, 205),
                                    QColor(205, 205, 200), QColor(222, 232, 242)};
    static const QColor pens[] = {QColor(15, 15, 20), QColor(25, 40, 150), QColor(95, 95, 100),
                                  QColor(150, 20, 25)};
    const Sheet sheet{papers[random.bounded(4)], pens[random.bounded(4)]};
    Photo photo;
    photo.jpegQuality = int(uniform(random, 50, 90));
    photo.grain = uniform(random, 0.0, 0.02);
    if (kind == QLatin1String("desk lamp") || kind == QLatin1String("cropped tightly")) {
        // A lamp above the sheet or beside it: light falls off with the cube of the cosine.
        const double lampU = uniform(random, -0.5, 1.5), lampV = uniform(random, -0.5, 1.5);
        const double lampHeight = uniform(random, 0.4, 1.0);
        photo.light = [lampU, lampV, lampHeight](double u, double v) {
            const double reach2 = (u - lampU) * (u - lampU) + (v - lampV) * (v - lampV);
            return std::pow(lampHeight / std::sqrt(lampHeight * lampHeight + reach2), 3.0);
        };
    } else if (kind == QLatin1String("object shadow")) {
        // A phone or a mug held over the sheet: an ellipse of shadow, edges soft to hard,
        // over part of the digit or none of it.
        const int cells = 300;
        QImage shadow(cells, cells, QImage::Format_Grayscale8);
        const double cu = uniform(random, 0.0, 1.0), cv = uniform(random, 0.0, 1.0);
        const double ru = uniform(random, 0.2, 0.6), rv = uniform(random, 0.2, 0.6);
        const double turn = uniform(random, 0, M_PI), edge = uniform(random, 0.01, 0.08);
        for (int y = 0; y < cells; ++y)
            for (int x = 0; x < cells; ++x) {
                const double du = (x + 0.5) / cells - cu, dv = (y + 0.5) / cells - cv;
                const double a = (std::cos(turn) * du + std::sin(turn) * dv) / ru;
                const double b = (-std::sin(turn) * du + std::cos(turn) * dv) / rv;
                const double inside = (1.0 - std::sqrt(a * a + b * b)) * std::min(ru, rv) / edge;
                shadow.scanLine(y)[x] = uchar(255 * std::clamp(inside + 0.5, 0.0, 1.0));
            }
        photo.shadow = shadow;
        photo.shadowDepth = uniform(random, 0.3, 0.65);
    } else if (kind == QLatin1String("ruled paper") || kind == QLatin1String("squared paper")) {
        // A school notebook: printed lines a few millimetres apart, paler than the pen, across
        // the whole sheet and through the digit; squared paper has them both ways.
        const QImage lines =
            notebookLines({width, height}, kind == QLatin1String("squared paper"), random);
        photo.texture = lines;
        photo.textureStrength = 1.0;
        const double angle = uniform(random, 0, 2 * M_PI), dark = uniform(random, 0.6, 0.9);
        photo.light = [angle, dark](double u, double v) {
            const double t =
                (std::cos(angle) * (u - 0.5) + std::sin(angle) * (v - 0.5)) / 1.42 + 0.5;
            return 1.0 - (1.0 - dark) * t;
        };
    } else if (kind == QLatin1String("band shadow")) {
        // A ruler or an arm across the light: a band of shadow from edge to edge, narrower than
        // half the sheet, edges soft to hard.
        const int cells = 300;
        QImage shadow(cells, cells, QImage::Format_Grayscale8);
        const double turn = uniform(random, 0, M_PI), offset = uniform(random, -0.4, 0.4);
        const double half = uniform(random, 0.03, 0.2), edge = uniform(random, 0.005, 0.04);
        for (int y = 0; y < cells; ++y)
            for (int x = 0; x < cells; ++x) {
                const double across = std::cos(turn) * ((x + 0.5) / cells - 0.5) +
                                      std::sin(turn) * ((y + 0.5) / cells - 0.5) - offset;
                const double inside = (half - std::abs(across)) / edge;
                shadow.scanLine(y)[x] = uchar(255 * std::clamp(inside + 0.5, 0.0, 1.0));
            }
        photo.shadow = shadow;
        photo.shadowDepth = uniform(random, 0.3, 0.6);
    }
    Sample sample{photograph(coverage, sheet, photo, random), drawn.digit};
    if (kind == QLatin1String("cropped tightly"))
        sample.picture = sample.picture.copy(tightCrop(coverage, random));
    return sample;
}

QSize deskSheet(QRandomGenerator &random) {
    const int width = int(uniform(random, 400, 2400));
    return {width, int(width * uniform(random, 0.7, 1.4))};
}

Sample deskSample(const Dataset &digits, const QString &kind, QRandomGenerator &random) {
    const int index = int(random.bounded(digits.size()));
    const QSize sheet = deskSheet(random);
    const int digitSide = int(std::min(sheet.width(), sheet.height()) * uniform(random, 0.3, 0.8));
    const QImage coverage = coverageAt(digits, index, sheet, digitSide, random);
    return photographedAtDesk({coverage, digits.labels[std::size_t(index)]}, kind, random);
}

// A pen drawing that is no digit (pen_digits.h's letters, shapes and crossed-out marks) as
// coverage: its strokes, with a pen of a random width, in a box of `side` px at a random place.
QImage drawingCoverage(QSize sheet, int side, QRandomGenerator &random) {
    QList<PenDigitStyle> drawings;
    for (const PenDigitStyle &style : penNonDigitStyles())
        if (!style.strokes.isEmpty())
            drawings.push_back(style);
    const PenDigitStyle &style = drawings[qsizetype(random.bounded(int(drawings.size())))];
    QImage coverage(sheet, QImage::Format_RGB32);
    coverage.fill(Qt::black);
    QPainter painter(&coverage);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(Qt::white, side * uniform(random, 0.04, 0.12), Qt::SolidLine, Qt::RoundCap,
                        Qt::RoundJoin));
    const QPointF corner(uniform(random, 0, sheet.width() - side),
                         uniform(random, 0, sheet.height() - side));
    const double inner = side * 0.85; // the pen's width stays inside the box
    for (const QPolygonF &stroke : style.strokes) {
        QPolygonF placed;
        for (const QPointF &point : stroke)
            placed << corner + QPointF(side - inner, side - inner) / 2 + point * inner;
        painter.drawPolyline(placed);
    }
    painter.end();
    return coverage;
}

// A letter, a shape or a mark that is no digit, photographed at a desk under a lamp (`kind`:
// "desk lamp" or "cropped tightly").
Sample drawingAtDesk(const QString &kind, QRandomGenerator &random) {
    const QSize sheet = deskSheet(random);
    const int side = int(std::min(sheet.width(), sheet.height()) * uniform(random, 0.3, 0.8));
    return photographedAtDesk({drawingCoverage(sheet, side, random), kNoDigit}, kind, random);
}

// A sheet photographed on a table: the sheet, turned a little, fills most of the frame and may
// run off it; the digit is on the sheet; the table, of some colour and grain, shows around it.
Sample tableSample(const Dataset &digits, QRandomGenerator &random) {
    const int index = int(random.bounded(digits.size()));
    const int width = int(uniform(random, 500, 2400));
    const int height = int(width * uniform(random, 0.7, 1.4));
    const QSizeF sheetSize(width * uniform(random, 0.55, 0.95),
                           height * uniform(random, 0.55, 0.95));
    const QPointF centre(width * uniform(random, 0.4, 0.6), height * uniform(random, 0.4, 0.6));
    QTransform toFrame;
    toFrame.translate(centre.x(), centre.y());
    toFrame.rotate(uniform(random, -15, 15));
    const QRectF sheetRect(-sheetSize.width() / 2, -sheetSize.height() / 2, sheetSize.width(),
                           sheetSize.height());
    QImage table(width, height, QImage::Format_Grayscale8);
    table.fill(255);
    {
        QPainter painter(&table);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setTransform(toFrame);
        painter.fillRect(sheetRect, Qt::black);
    }
    const double digitSide =
        std::min(sheetSize.width(), sheetSize.height()) * uniform(random, 0.3, 0.6);
    QImage coverage(width, height, QImage::Format_RGB32);
    coverage.fill(Qt::black);
    {
        QPainter painter(&coverage);
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        const double room = (std::min(sheetSize.width(), sheetSize.height()) - digitSide) / 2;
        const QPointF at =
            centre + QPointF(uniform(random, -room, room), uniform(random, -room, room)) * 0.6;
        painter.drawImage(
            QRectF(at.x() - digitSide / 2, at.y() - digitSide / 2, digitSide, digitSide),
            mnistDigit(digits, index));
    }
    static const QColor tables[] = {QColor(105, 72, 45), QColor(140, 140, 138),
                                    QColor(200, 195, 185), QColor(40, 40, 42),
                                    QColor(250, 250, 248)};
    static const QColor pens[] = {QColor(15, 15, 20), QColor(25, 40, 150), QColor(150, 20, 25)};
    const Sheet sheet{QColor(240, 240, 235), pens[random.bounded(3)]};
    Photo photo;
    photo.table = table;
    photo.tableColour = tables[random.bounded(5)];
    photo.tableGrain = blotches(random, 24);
    photo.jpegQuality = int(uniform(random, 50, 90));
    photo.grain = uniform(random, 0.0, 0.02);
    const double angle = uniform(random, 0, 2 * M_PI), dark = uniform(random, 0.5, 0.9);
    photo.light = [angle, dark](double u, double v) {
        const double t = (std::cos(angle) * (u - 0.5) + std::sin(angle) * (v - 0.5)) / 1.42 + 0.5;
        return 1.0 - (1.0 - dark) * t;
    };
    return {photograph(coverage, sheet, photo, random), digits.labels[std::size_t(index)]};
}

// ---- the judging twin: test digits, QPainter-drawn, vignettes, shadow polygons, JPEG ----
QSize twinSheet(QRandomGenerator &random) {
    const int width = int(uniform(random, 300, 3000));
    return {width, std::clamp(int(width * uniform(random, 0.6, 1.6)), 300, 3000)};
}

// A painter on a black coverage, at a random place where a figure `side` px across fits, turned
// and slanted a little.
void placeFigure(QPainter &painter, QSize sheet, double side, QRandomGenerator &random) {
    painter.translate(uniform(random, side * 0.6, sheet.width() - side * 0.6),
                      uniform(random, side * 0.6, sheet.height() - side * 0.6));
    painter.rotate(uniform(random, -10, 10));
    painter.shear(uniform(random, -0.15, 0.15), 0);
}

Drawn twinDigit(const Dataset &digits, QRandomGenerator &random) {
    const int index = int(random.bounded(digits.size()));
    const QSize sheet = twinSheet(random);
    const double digitSide = std::min(sheet.width(), sheet.height()) * uniform(random, 0.35, 0.75);
    QImage coverage(sheet, QImage::Format_RGB32);
    coverage.fill(Qt::black);
    QPainter painter(&coverage);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    placeFigure(painter, sheet, digitSide, random);
    painter.drawImage(QRectF(-digitSide / 2, -digitSide / 2, digitSide, digitSide),
                      mnistDigit(digits, index));
    painter.end();
    return {coverage, digits.labels[std::size_t(index)]};
}

// A letter or symbol no reader takes for a digit (judge_sets.h), filled, in a judging font.
Drawn twinLetter(QRandomGenerator &random) {
    const QString glyphs = judgedLetters() + judgedSymbols();
    QPainterPath outline;
    while (outline.isEmpty()) { // a font may lack a glyph, or not be installed
        const JudgeFont &font = judgeFonts()[qsizetype(random.bounded(int(judgeFonts().size())))];
        outline = glyphOutline(font.file, glyphs[qsizetype(random.bounded(int(glyphs.size())))]);
    }
    const QSize sheet = twinSheet(random);
    const double side = std::min(sheet.width(), sheet.height()) * uniform(random, 0.35, 0.75);
    const QRectF bounds = outline.boundingRect();
    const double scale = side / std::max(bounds.width(), bounds.height());
    QImage coverage(sheet, QImage::Format_RGB32);
    coverage.fill(Qt::black);
    QPainter painter(&coverage);
    painter.setRenderHint(QPainter::Antialiasing);
    placeFigure(painter, sheet, side, random);
    painter.scale(scale, scale);
    painter.translate(-bounds.center());
    painter.fillPath(outline, Qt::white);
    painter.end();
    return {coverage, kNoDigit};
}

// A photo cut close to what is drawn, as the twin's people crop: each side of the ink's box
// moved a little into the ink or a little outside it.
QRect closeCrop(const QImage &coverage, QRandomGenerator &random) {
    const QRect box = inkBox(coverage);
    const auto margin = [&](int side) { return int(side * uniform(random, -0.02, 0.1)); };
    return box.adjusted(-margin(box.width()), -margin(box.height()), margin(box.width()),
                        margin(box.height())) &
           coverage.rect();
}

Sample twinPhoto(const Drawn &drawn, const QString &kind, QRandomGenerator &random) {
    const QImage &coverage = drawn.coverage;
    Sheet sheet{QColor::fromHsv(int(random.bounded(60)), int(random.bounded(40)), 240),
                random.bounded(2) ? QColor(20, 30, 110) : QColor(30, 30, 30)};
    Photo photo;
    photo.jpegQuality = 40 + int(random.bounded(31));
    const double cx = uniform(random, 0.3, 0.7), cy = uniform(random, 0.3, 0.7);
    const double edge = uniform(random, 0.35, 0.6);
    const auto vignette = [cx, cy, edge](double u, double v) {
        const double r2 = ((u - cx) * (u - cx) + (v - cy) * (v - cy)) / 0.5;
        return 1.0 - (1.0 - edge) * std::min(1.0, r2);
    };
    if (kind == QLatin1String("vignette")) {
        photo.light = vignette;
    } else if (kind == QLatin1String("shadow polygon")) {
        // A hand or a phone's shadow: a polygon from one side, with a narrow penumbra.
        const int side = 400;
        QImage mask(side, side, QImage::Format_RGB32);
        mask.fill(Qt::black);
        QPainter painter(&mask);
        painter.setRenderHint(QPainter::Antialiasing);
        QPolygonF polygon;
        const double reach = uniform(random, 0.3, 0.7);
        polygon << QPointF(-10, uniform(random, 0, side))
                << QPointF(side * reach, uniform(random, 0, side))
                << QPointF(side * reach * uniform(random, 0.6, 1.2), uniform(random, 0, side))
                << QPointF(-10, side + 10);
        painter.setBrush(Qt::white);
        painter.setPen(Qt::NoPen);
        painter.drawPolygon(polygon);
        painter.end();
        const int blur = int(uniform(random, 4, 12)); // penumbra, in 400ths of the picture
        photo.shadow =
            mask.scaled(side / blur, side / blur, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                .convertToFormat(QImage::Format_Grayscale8);
        photo.shadowDepth = uniform(random, 0.3, 0.6);
        photo.light = [](double, double) { return 0.95; };
    } else if (kind == QLatin1String("texture and cast")) {
        photo.texture = blotches(random, 12);
        photo.textureStrength = 0.12;
        photo.grain = uniform(random, 0.01, 0.04);
        photo.cast = {uniform(random, 0.85, 1.0), uniform(random, 0.85, 1.0),
                      uniform(random, 0.7, 1.0)};
        photo.light = vignette;
    } else if (kind == QLatin1String("fog")) {
        photo.fog = uniform(random, 0.45, 0.7);
        photo.light = vignette;
    } else if (kind == QLatin1String("chalk")) {
        sheet = {QColor(30, 50, 40), QColor(235, 235, 225)};
        photo.texture = blotches(random, 20);
        photo.textureStrength = 0.3;
        photo.light = vignette;
    }
    return {photograph(coverage, sheet, photo, random), drawn.digit};
}

Sample twinSample(const Dataset &digits, const QString &kind, QRandomGenerator &random) {
    const bool letter = kind.startsWith(QLatin1String("letter"));
    const bool cropped = kind.endsWith(QLatin1String("cut close"));
    const Drawn drawn = letter ? twinLetter(random) : twinDigit(digits, random);
    QString light = kind;
    if (letter || cropped)
        light = random.bounded(2) ? QStringLiteral("vignette") : QStringLiteral("shadow polygon");
    Sample sample = twinPhoto(drawn, light, random);
    if (cropped)
        sample.picture = sample.picture.copy(closeCrop(drawn.coverage, random));
    return sample;
}

// One picture of the tuning set's `kind`.
Sample tuningSetSample(const Dataset &validation, const QString &kind, QRandomGenerator &random) {
    if (kind == QLatin1String("sheet on a table"))
        return tableSample(validation, random);
    if (kind.startsWith(QLatin1String("no digit")))
        return drawingAtDesk(kind.endsWith(QLatin1String("cropped tightly"))
                                 ? QStringLiteral("cropped tightly")
                                 : QStringLiteral("desk lamp"),
                             random);
    static const QStringList atADesk = {"desk lamp",     "object shadow", "ruled paper",
                                        "squared paper", "band shadow",   "cropped tightly"};
    return atADesk.contains(kind) ? deskSample(validation, kind, random)
                                  : tuningSample(validation, kind, random);
}

// What the picture reads as ("7", "17", "?"), or "none" when no ink is found.
QString readingOf(const digitpad::Classifier &model, const QImage &picture,
                  std::vector<double> &milliseconds) {
    QElapsedTimer timer;
    timer.start();
    QString read = QStringLiteral("none");
    try {
        read = digitpad::readPicture(model, picture).number.number();
    } catch (const digitpad::Error &) {
    }
    milliseconds.push_back(timer.nsecsElapsed() / 1e6);
    return read;
}

// A picture read wrong, beside the ink found in it (what segmentation and the model start
// from), both at most 400 px, named by its kind, number, digit and reading.
void saveExample(const QString &folder, const QString &kind, int n, int digit, const QString &read,
                 const QImage &picture) {
    const QImage shown = picture.scaled(400, 400, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    QImage sheet(2 * shown.width() + 4, shown.height(), QImage::Format_RGB32);
    sheet.fill(Qt::red);
    QPainter painter(&sheet);
    painter.drawImage(0, 0, shown);
    try {
        const digitpad::InkMap ink = digitpad::extractInk(picture);
        QImage inkImage(ink.width, ink.height, QImage::Format_Grayscale8);
        for (int y = 0; y < ink.height; ++y)
            for (int x = 0; x < ink.width; ++x)
                inkImage.scanLine(y)[x] = uchar(255 - std::lround(255 * ink.at(x, y)));
        painter.drawImage(QRect(shown.width() + 4, 0, shown.width(), shown.height()), inkImage);
    } catch (const digitpad::Error &) {
    }
    painter.end();
    QDir().mkpath(folder);
    sheet.save(QStringLiteral("%1/%2-%3-%4-read-%5.png")
                   .arg(folder, kind)
                   .arg(n)
                   .arg(digit)
                   .arg(QString(read).replace(QLatin1Char('?'), QLatin1Char('x'))));
}

QStringList g_onlyKinds; // --kinds: empty for every kind

void runSet(const char *name, const digitpad::Classifier &model, const QStringList &kinds,
            int count, quint32 seed,
            const std::function<Sample(const QString &, QRandomGenerator &)> &make,
            const QString &examples) {
    std::printf("%s set, %d per kind, seed %u\n", name, count, seed);
    std::vector<double> milliseconds;
    int right[2] = {0, 0}, total[2] = {0, 0}; // digits, things that are no digit
    for (const QString &kind : kinds) {
        if (!g_onlyKinds.isEmpty() && !g_onlyKinds.contains(kind))
            continue;
        QRandomGenerator random(seed + quint32(qHash(kind)));
        int kindRight = 0;
        bool noDigit = false;
        for (int n = 0; n < count; ++n) {
            const Sample sample = make(kind, random);
            const QString read = readingOf(model, sample.picture, milliseconds);
            noDigit = sample.digit == kNoDigit;
            const bool right = noDigit ? !read.contains(QRegularExpression(QStringLiteral("[0-9]")))
                                       : read == QString::number(sample.digit);
            kindRight += right;
            if (!right && !examples.isEmpty())
                saveExample(examples, kind, n, sample.digit, read, sample.picture);
        }
        std::printf("  %-24s %6.1f%% %s\n", qPrintable(kind), 100.0 * kindRight / count,
                    noDigit ? "rejected" : "read right");
        right[int(noDigit)] += kindRight;
        total[int(noDigit)] += count;
    }
    if (total[0] > 0)
        std::printf("  %-24s %6.1f%% read right\n", "all digits", 100.0 * right[0] / total[0]);
    if (total[1] > 0)
        std::printf("  %-24s %6.1f%% rejected\n", "all that are no digit",
                    100.0 * right[1] / total[1]);
    std::printf("  reading %s\n", qPrintable(percentiles(milliseconds)));
}

// The cost of finding the ink: the canvas (plain paper, read on every pen move), a shaded photo
// of the same size, and a 12-megapixel shaded photo (reduced first, as preprocessing does).
void timeInk() {
    QImage canvas(400, 400, QImage::Format_RGB32);
    canvas.fill(Qt::white);
    QPainter painter(&canvas);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(Qt::black, 22, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.drawPolyline(QPolygon({{110, 80}, {290, 80}, {180, 340}}));
    painter.end();
    QRandomGenerator random(1);
    Photo photo;
    photo.light = [](double u, double) { return 1.0 - 0.5 * u; };
    photo.grain = 0.03;
    QImage inverted = canvas;
    inverted.invertPixels(); // as coverage: white ink on black
    const Sheet sheet{QColor(235, 235, 230), QColor(25, 25, 35)};
    const QImage photo400 = photograph(inverted, sheet, photo, random);
    const QImage photo12 = photograph(inverted.scaled(4000, 3000), sheet, photo, random);
    const auto time = [](const char *name, const std::function<void()> &work) {
        std::vector<double> milliseconds;
        for (int i = 0; i < 60; ++i) {
            QElapsedTimer timer;
            timer.start();
            work();
            if (i >= 5)
                milliseconds.push_back(timer.nsecsElapsed() / 1e6);
        }
        std::printf("  %-34s %s\n", name, qPrintable(percentiles(milliseconds)));
    };
    std::printf("finding the ink (extractInk):\n");
    time("400x400 canvas", [&] { digitpad::extractInk(canvas); });
    time("400x400 shaded photo", [&] { digitpad::extractInk(photo400); });
    time("12 MP shaded photo, reduce + ink",
         [&] { digitpad::extractInk(digitpad::reduceLargePicture(photo12).image); });
}

} // namespace

int main(int argc, char **argv) {
    return guardedMain([&]() -> int {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QGuiApplication application(argc, argv);
        QCommandLineParser parser;
        parser.addOptions(
            {{"model", "Model file (default: the default model).", "file"},
             {"set", "tuning, twin or both (default: tuning).", "set", "tuning"},
             {"count", "Pictures per kind of damage (default: 60).", "n", "60"},
             {"seed", "Random seed (default: 1).", "n", "1"},
             {"timing", "Only time finding the ink."},
             {"examples",
              "Save the pictures read wrong here, beside the ink found in them (smaller).", "dir"},
             {"kinds", "Only these kinds (comma-separated).", "list"}});
        parser.addHelpOption();
        parser.process(application);
        if (parser.isSet("timing")) {
            timeInk();
            return 0;
        }
        const QString modelPath =
            parser.isSet("model") ? parser.value("model") : digitpad::defaultModelPath();
        const digitpad::Classifier model = digitpad::loadModel(modelPath);
        const int count = parser.value("count").toInt();
        const auto seed = quint32(parser.value("seed").toUInt());
        const QString set = parser.value("set");
        if (parser.isSet("kinds"))
            g_onlyKinds = parser.value("kinds").split(QLatin1Char(','));
        std::printf("%s\n", qPrintable(modelPath));
        if (set == QLatin1String("tuning") || set == QLatin1String("both")) {
            const Dataset validation = digitpad::splitsOf(model.metadata()).validation;
            runSet(
                "tuning", model,
                {"clean", "gradient", "shadow", "hard shadow", "fog", "grain", "large, grain",
                 "gradient, JPEG", "chalk", "desk lamp", "object shadow", "band shadow",
                 "sheet on a table", "ruled paper", "squared paper", "cropped tightly",
                 "no digit at a desk", "no digit cropped tightly"},
                count, seed,
                [&](const QString &kind, QRandomGenerator &random) {
                    return tuningSetSample(validation, kind, random);
                },
                parser.value("examples"));
        }
        if (set == QLatin1String("twin") || set == QLatin1String("both")) {
            const Dataset test = digitpad::loadMnistTest();
            runSet(
                "twin", model,
                {"clean", "vignette", "shadow polygon", "texture and cast", "fog", "chalk",
                 "digit cut close", "letter", "letter cut close"},
                count, seed,
                [&](const QString &kind, QRandomGenerator &random) {
                    return twinSample(test, kind, random);
                },
                parser.value("examples"));
        }
        return 0;
    });
}
