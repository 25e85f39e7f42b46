#include "judge_sets.h"

#include <QHash>
#include <QPainter>
#include <QRawFont>
#include <QTransform>
#include <algorithm>
#include <cmath>
#include <limits>

double uniform(QRandomGenerator &random, double low, double high) {
    return low + (high - low) * random.generateDouble();
}

int between(QRandomGenerator &random, int low, int high) {
    return low + int(random.bounded(high - low + 1));
}

namespace {
constexpr int kSide = 28;

std::size_t pixelIndex(int x, int y, int width) {
    return std::size_t(y) * std::size_t(width) + std::size_t(x);
}

// Felzenszwalb and Huttenlocher's exact squared distance transform of one line.
std::vector<double> squaredDistances(const std::vector<double> &f) {
    const int n = int(f.size());
    std::vector<double> d(f.size()), z(f.size() + 1);
    std::vector<int> v(f.size());
    const auto parabolaCrossing = [&](int q, int p) {
        return ((f[std::size_t(q)] + double(q) * q) - (f[std::size_t(p)] + double(p) * p)) /
               (2.0 * (q - p));
    };
    int k = 0;
    z[0] = -std::numeric_limits<double>::infinity();
    z[1] = std::numeric_limits<double>::infinity();
    for (int q = 1; q < n; ++q) {
        double s = parabolaCrossing(q, v[std::size_t(k)]);
        while (s <= z[std::size_t(k)])
            s = parabolaCrossing(q, v[std::size_t(--k)]);
        v[std::size_t(++k)] = q;
        z[std::size_t(k)] = s;
        z[std::size_t(k) + 1] = std::numeric_limits<double>::infinity();
    }
    k = 0;
    for (int q = 0; q < n; ++q) {
        while (z[std::size_t(k) + 1] < q)
            ++k;
        const double offset = q - v[std::size_t(k)];
        d[std::size_t(q)] = offset * offset + f[v[std::size_t(k)]];
    }
    return d;
}

// Distance of every pixel to the nearest pixel where `feature` is true.
std::vector<double> distancesTo(const std::vector<bool> &feature, int width, int height) {
    constexpr double kFar = 1e12;
    std::vector<double> grid(feature.size());
    for (std::size_t i = 0; i < feature.size(); ++i)
        grid[i] = feature[i] ? 0.0 : kFar;
    std::vector<double> line(std::size_t(height), 0.0);
    for (int x = 0; x < width; ++x) {
        for (int y = 0; y < height; ++y)
            line[std::size_t(y)] = grid[pixelIndex(x, y, width)];
        const std::vector<double> column = squaredDistances(line);
        for (int y = 0; y < height; ++y)
            grid[pixelIndex(x, y, width)] = column[std::size_t(y)];
    }
    line.resize(std::size_t(width));
    for (int y = 0; y < height; ++y) {
        std::copy_n(grid.begin() + std::ptrdiff_t(y) * width, width, line.begin());
        const std::vector<double> row = squaredDistances(line);
        for (int x = 0; x < width; ++x)
            grid[pixelIndex(x, y, width)] = std::sqrt(row[std::size_t(x)]);
    }
    return grid;
}

} // namespace

const QList<JudgeFont> &judgeFonts() {
    static const QList<JudgeFont> fonts = [] {
        const QString truetype = QStringLiteral("/usr/share/fonts/truetype/");
        const QString opentype = QStringLiteral("/usr/share/fonts/opentype/");
        QList<JudgeFont> list = {
            {"Humor Sans", "fonts-humor-sans", truetype + "humor-sans/Humor-Sans.ttf"},
            {"Comic Neue", "fonts-comic-neue", opentype + "comic-neue/ComicNeue-Regular.otf"},
            {"Comic Neue Bold Italic", "fonts-comic-neue",
             opentype + "comic-neue/ComicNeue-BoldItalic.otf"},
            {"Breip", "fonts-breip", truetype + "breip/Breip.ttf"},
            {"Femke Klaver", "fonts-femkeklaver", truetype + "femkeklaver/femkeklaver.ttf"},
            {"DKG Handwriting", "fonts-dkg-handwriting", truetype + "fifthhorseman/dkg.ttf"},
            {"DKG Handwriting Bold It", "fonts-dkg-handwriting",
             truetype + "fifthhorseman/dkgBI.ttf"},
            {"Dancing Script", "fonts-dancingscript",
             opentype + "dancingscript/DancingScript-Regular.otf"},
            {"Kristi", "fonts-kristi", truetype + "kristi/Kristi.ttf"},
            {"Kaushan Script", "fonts-kaushanscript",
             opentype + "kaushanscript/KaushanScript-Regular.otf"},
            {"Rufscript", "fonts-rufscript", truetype + "rufscript/Rufscript010.ttf"},
            {"Ecolier court", "fonts-ecolier-court", truetype + "ecolier-court/Ecolier-court.ttf"},
            {"Z003", "fonts-urw-base35", opentype + "urw-base35/Z003-MediumItalic.otf"},
            {"URW Gothic", "fonts-urw-base35", opentype + "urw-base35/URWGothic-Book.otf"},
            {"Nimbus Sans Italic", "fonts-urw-base35",
             opentype + "urw-base35/NimbusSans-Italic.otf"},
            {"P052", "fonts-urw-base35", opentype + "urw-base35/P052-Roman.otf"},
            {"DejaVu Sans", "fonts-dejavu-core", truetype + "dejavu/DejaVuSans.ttf"},
            {"DejaVu Serif Italic", "fonts-dejavu-extra",
             truetype + "dejavu/DejaVuSerif-Italic.ttf"},
            {"Liberation Serif Italic", "fonts-liberation2",
             truetype + "liberation2/LiberationSerif-Italic.ttf"},
        };
        for (const char *hand : {"Build", "Connect", "Create", "Learn", "Mentor", "Organize"})
            list.append({QStringLiteral("Because We ") + hand, "fonts-bwht",
                         opentype + "bwht/BecauseWe" + hand + "-Regular.otf"});
        return list;
    }();
    return fonts;
}

QPainterPath glyphOutline(const QString &fontFile, QChar glyph) {
    static QHash<QString, QRawFont> fonts;
    auto font = fonts.find(fontFile);
    if (font == fonts.end())
        font = fonts.insert(fontFile, QRawFont(fontFile, 200));
    if (!font->isValid())
        return {};
    const QList<quint32> indexes = font->glyphIndexesForString(QString(glyph));
    if (indexes.size() != 1 || indexes.front() == 0)
        return {};
    return font->pathForGlyph(indexes.front());
}

QString judgedLetters() {
    return QStringLiteral("ACDEFHJKLMNPQRTUVWXYacdefhjkmnprtuvwxy");
}
QString judgedSymbols() {
    return QStringLiteral("?$&@#%+=*!~{}<>^[]\u20ac\u00a3\u00a7");
}
QString lookAlikeLetters() {
    return QStringLiteral("OoDIilZzSsBbGgq");
}

InkAndPaper randomInkAndPaper(QRandomGenerator &random) {
    const double inkHue = random.generateDouble(), paperHue = random.generateDouble();
    if (random.bounded(5) == 0) // chalk or a light pen on a dark board
        return {QColor::fromHsvF(inkHue, uniform(random, 0, 0.3), uniform(random, 0.8, 1.0)),
                QColor::fromHsvF(paperHue, uniform(random, 0, 0.6), uniform(random, 0.05, 0.35))};
    return {QColor::fromHsvF(inkHue, uniform(random, 0, 0.9), uniform(random, 0, 0.45)),
            QColor::fromHsvF(paperHue, uniform(random, 0, 0.25), uniform(random, 0.82, 1.0))};
}

QImage drawGlyph(const QPainterPath &outline, GlyphDrawing drawing, QRandomGenerator &random) {
    const int width = between(random, 280, 600), height = between(random, 280, 600);
    const InkAndPaper colours = randomInkAndPaper(random);
    QImage picture(width, height, QImage::Format_RGB32);
    picture.fill(colours.paper);
    const QRectF bounds = outline.boundingRect();
    const double size = std::min(width, height) * uniform(random, 0.35, 0.8);
    const double scale = size / std::max(bounds.width(), bounds.height());
    const double penWidth = std::max(2.0, size * uniform(random, 0.012, 0.045));
    QTransform shape; // read bottom-up: centre, scale and stretch, shear, rotate
    shape.rotate(uniform(random, -25, 25));
    shape.shear(uniform(random, -0.35, 0.35), 0);
    const double stretch = uniform(random, 0.8, 1.25);
    shape.scale(scale * stretch, scale / stretch);
    shape.translate(-bounds.center().x(), -bounds.center().y());
    const double margin = penWidth + 8;
    QRectF placed = shape.map(outline).boundingRect();
    const double fit = std::min(
        {1.0, (width - 2 * margin) / placed.width(), (height - 2 * margin) / placed.height()});
    shape = shape * QTransform::fromScale(fit, fit);
    placed = shape.map(outline).boundingRect();
    shape =
        shape * QTransform::fromTranslate(
                    margin - placed.left() +
                        uniform(random, 0, std::max(0.0, width - 2 * margin - placed.width())),
                    margin - placed.top() +
                        uniform(random, 0, std::max(0.0, height - 2 * margin - placed.height())));
    QPainter painter(&picture);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPainterPath glyph = shape.map(outline);
    if (drawing == GlyphDrawing::Filled)
        painter.fillPath(glyph, colours.ink);
    else
        painter.strokePath(glyph,
                           QPen(colours.ink, penWidth, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    return picture;
}

QRect Coverage::inkBounds() const {
    QRect bounds;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            if (at(x, y) >= 0.5f)
                bounds |= QRect(x, y, 1, 1);
    return bounds;
}

void stamp(Coverage &onto, const Coverage &piece, int left, int top) {
    for (int y = 0; y < piece.height; ++y)
        for (int x = 0; x < piece.width; ++x) {
            const int tx = left + x, ty = top + y;
            if (tx < 0 || ty < 0 || tx >= onto.width || ty >= onto.height)
                continue;
            float &value = onto.values[std::size_t(ty) * std::size_t(onto.width) + tx];
            value = std::max(value, piece.at(x, y));
        }
}

RedrawPen randomRedrawPen(QRandomGenerator &random) {
    return {uniform(random, 0.25, 0.65), uniform(random, -0.45, 1.4)};
}

Coverage redrawDigit(const std::uint8_t *mnistDigit, int side, const RedrawPen &pen) {
    const QImage enlarged =
        QImage(mnistDigit, kSide, kSide, kSide, QImage::Format_Grayscale8)
            .scaled(side, side, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    const double change = pen.widthChange * side / kSide; // in this picture's pixels
    const int pad = int(std::ceil(std::max(0.0, change))) + 2;
    Coverage coverage;
    coverage.width = coverage.height = side + 2 * pad;
    std::vector<bool> inside(std::size_t(coverage.width) * std::size_t(coverage.height), false);
    for (int y = 0; y < side; ++y) {
        const uchar *line = enlarged.constScanLine(y);
        for (int x = 0; x < side; ++x)
            inside[pixelIndex(x + pad, y + pad, coverage.width)] = line[x] >= pen.threshold * 255;
    }
    std::vector<bool> outside(inside.size());
    std::transform(inside.begin(), inside.end(), outside.begin(), [](bool in) { return !in; });
    const std::vector<double> toOutside = distancesTo(outside, coverage.width, coverage.height);
    const std::vector<double> toInside = distancesTo(inside, coverage.width, coverage.height);
    coverage.values.resize(inside.size());
    for (std::size_t i = 0; i < inside.size(); ++i) {
        // Signed distance to the outline, positive inside; the pen moves the outline by `change`.
        const double signedDistance = inside[i] ? toOutside[i] - 0.5 : 0.5 - toInside[i];
        coverage.values[i] = float(std::clamp(signedDistance + change + 0.5, 0.0, 1.0));
    }
    return coverage;
}

QImage paint(const Coverage &coverage, const InkAndPaper &colours) {
    QImage picture(coverage.width, coverage.height, QImage::Format_RGB32);
    const auto mix = [](int paper, int ink, float share) {
        return int(std::lround(paper + (ink - paper) * share));
    };
    for (int y = 0; y < coverage.height; ++y) {
        auto *line = reinterpret_cast<QRgb *>(picture.scanLine(y));
        for (int x = 0; x < coverage.width; ++x) {
            const float share = coverage.at(x, y);
            line[x] = qRgb(mix(colours.paper.red(), colours.ink.red(), share),
                           mix(colours.paper.green(), colours.ink.green(), share),
                           mix(colours.paper.blue(), colours.ink.blue(), share));
        }
    }
    return picture;
}

QImage redrawOnCanvas(const std::uint8_t *mnistDigit, QRandomGenerator &random) {
    Coverage canvas;
    canvas.width = between(random, 280, 560);
    canvas.height = between(random, 280, 560);
    canvas.values.assign(std::size_t(canvas.width) * std::size_t(canvas.height), 0.0f);
    const RedrawPen pen = randomRedrawPen(random);
    const int room = std::min(canvas.width, canvas.height);
    const Coverage digit = redrawDigit(mnistDigit, int(room * uniform(random, 0.5, 0.88)), pen);
    stamp(canvas, digit, between(random, 0, std::max(0, canvas.width - digit.width)),
          between(random, 0, std::max(0, canvas.height - digit.height)));
    return paint(canvas, randomInkAndPaper(random));
}
