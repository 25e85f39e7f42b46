// Damage a photograph of paper does, done to the network's own 28x28 input: each kind its own
// simple process (noise, a veil, a raised black level, a line across, ...), none taken from the
// training augmentation or from a published corruption benchmark.
#include "judge_sets.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace {
constexpr int kSide = 28;

// 28x28 ink in [0, 1], ink bright as in MNIST.
class Grid {
  public:
    explicit Grid(const std::uint8_t *bytes) : m_values(std::size_t(kSide) * kSide) {
        for (std::size_t i = 0; i < m_values.size(); ++i)
            m_values[i] = bytes[i] / 255.0;
    }
    static bool inside(int x, int y) { return x >= 0 && y >= 0 && x < kSide && y < kSide; }
    double &at(int x, int y) { return m_values[std::size_t(y) * kSide + std::size_t(x)]; }
    double at(int x, int y) const { return m_values[std::size_t(y) * kSide + std::size_t(x)]; }
    std::vector<double> &values() { return m_values; }
    // Ink of at least `ink` at the pixel nearest (x, y).
    void plot(QPointF point, double ink) {
        const int x = int(std::lround(point.x())), y = int(std::lround(point.y()));
        if (inside(x, y))
            at(x, y) = std::max(at(x, y), ink);
    }
    std::vector<std::uint8_t> bytes() const {
        std::vector<std::uint8_t> bytes(m_values.size());
        for (std::size_t i = 0; i < m_values.size(); ++i)
            bytes[i] = std::uint8_t(std::lround(255 * std::clamp(m_values[i], 0.0, 1.0)));
        return bytes;
    }

  private:
    std::vector<double> m_values;
};

double gaussian(QRandomGenerator &random) { // Box-Muller: the same numbers on every library
    const double u = 1.0 - random.generateDouble();
    return std::sqrt(-2.0 * std::log(u)) * std::cos(2 * kPi * random.generateDouble());
}

// A line from one edge of the picture to the opposite one, through its middle part.
std::pair<QPointF, QPointF> lineAcross(QRandomGenerator &random) {
    const bool across = random.bounded(2) == 0;
    const double a = uniform(random, 4, 24), b = uniform(random, 4, 24);
    return across ? std::pair{QPointF(-1, a), QPointF(kSide, b)}
                  : std::pair{QPointF(a, -1), QPointF(b, kSide)};
}

void addGrain(Grid &grid, QRandomGenerator &random) {
    const double sigma = uniform(random, 0.12, 0.3);
    for (double &value : grid.values())
        value += sigma * gaussian(random);
}

void addSaltAndPepper(Grid &grid, QRandomGenerator &random) {
    const double share = uniform(random, 0.03, 0.1);
    for (double &value : grid.values())
        if (random.generateDouble() < share)
            value = random.bounded(2);
}

// One pass of a Gaussian blur, along x or along y.
Grid blurredAlong(const Grid &grid, const std::array<double, 7> &kernel, bool alongX) {
    Grid out = grid;
    for (int y = 0; y < kSide; ++y)
        for (int x = 0; x < kSide; ++x) {
            double sum = 0;
            for (std::size_t k = 0; k < kernel.size(); ++k) {
                const int offset = int(k) - 3;
                const int sx = alongX ? x + offset : x, sy = alongX ? y : y + offset;
                sum += Grid::inside(sx, sy) ? kernel[k] * grid.at(sx, sy) : 0.0;
            }
            out.at(x, y) = sum;
        }
    return out;
}

void blur(Grid &grid, QRandomGenerator &random) {
    const double sigma = uniform(random, 0.8, 1.5);
    std::array<double, 7> kernel{};
    double sum = 0;
    for (std::size_t k = 0; k < kernel.size(); ++k) {
        const double offset = double(k) - 3;
        sum += kernel[k] = std::exp(-offset * offset / (2 * sigma * sigma));
    }
    for (double &weight : kernel)
        weight /= sum;
    grid = blurredAlong(blurredAlong(grid, kernel, true), kernel, false);
}

// A veil of light over dark ink on paper: the ink fades, the paper stays.
void addFog(Grid &grid, QRandomGenerator &random) {
    const double contrast = uniform(random, 0.2, 0.45), veil = uniform(random, 0.0, 0.15);
    for (double &value : grid.values())
        value = veil + contrast * value;
}

void raiseBlackLevel(Grid &grid, QRandomGenerator &random) {
    const double black = uniform(random, 0.3, 0.6);
    for (double &value : grid.values())
        value = black + (1 - black) * value;
}

void addStripes(Grid &grid, QRandomGenerator &random) {
    const double amplitude = uniform(random, 0.2, 0.45), period = uniform(random, 3, 7);
    const double angle = uniform(random, 0, kPi), phase = uniform(random, 0, 2 * kPi);
    for (int y = 0; y < kSide; ++y)
        for (int x = 0; x < kSide; ++x) {
            const double along = x * std::cos(angle) + y * std::sin(angle);
            grid.at(x, y) += amplitude * (0.5 + 0.5 * std::sin(2 * kPi * along / period + phase));
        }
}

void addDottedLine(Grid &grid, QRandomGenerator &random) {
    const auto [from, to] = lineAcross(random);
    const double spacing = uniform(random, 2.5, 4), ink = uniform(random, 0.6, 1.0);
    const double length = std::hypot(to.x() - from.x(), to.y() - from.y());
    // NOLINTNEXTLINE(bugprone-float-loop-counter): the twin's pictures must not change
    for (double t = uniform(random, 0, spacing); t < length; t += spacing)
        grid.plot(from + (to - from) * (t / length), ink);
}

void addZigzagLine(Grid &grid, QRandomGenerator &random) {
    const auto [from, to] = lineAcross(random);
    const double amplitude = uniform(random, 1.5, 3.5), zig = uniform(random, 3, 5);
    const double ink = uniform(random, 0.6, 1.0);
    const double length = std::hypot(to.x() - from.x(), to.y() - from.y());
    const QPointF along = (to - from) / length, across(-along.y(), along.x());
    // NOLINTNEXTLINE(bugprone-float-loop-counter): the twin's pictures must not change
    for (double t = 0; t < length; t += 0.2) {
        const double phase = std::fmod(t / zig, 2.0); // 0..2: up, then down
        const double offset = amplitude * (phase < 1 ? 2 * phase - 1 : 3 - 2 * phase);
        grid.plot(from + along * t + across * offset, ink);
    }
}

// The ring just outside the strokes, as a hollow pen draws them.
void keepOutline(Grid &grid) {
    Grid outline = grid;
    double brightest = 1e-6;
    for (int y = 0; y < kSide; ++y)
        for (int x = 0; x < kSide; ++x) {
            double around = 0;
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx)
                    around = Grid::inside(x + dx, y + dy)
                                 ? std::max(around, grid.at(x + dx, y + dy))
                                 : around;
            outline.at(x, y) = around - grid.at(x, y);
            brightest = std::max(brightest, outline.at(x, y));
        }
    for (double &value : outline.values())
        value /= brightest;
    grid = outline;
}
} // namespace

const QList<Damage> &allDamage() {
    static const QList<Damage> kinds = {
        Damage::Grain,      Damage::SaltAndPepper, Damage::Blur,
        Damage::Fog,        Damage::Brightness,    Damage::Stripes,
        Damage::DottedLine, Damage::ZigzagLine,    Damage::OutlineOnly};
    return kinds;
}

QString damageName(Damage damage) {
    switch (damage) {
    case Damage::Grain:
        return QStringLiteral("grain");
    case Damage::SaltAndPepper:
        return QStringLiteral("salt and pepper");
    case Damage::Blur:
        return QStringLiteral("blur");
    case Damage::Fog:
        return QStringLiteral("fog");
    case Damage::Brightness:
        return QStringLiteral("brightness");
    case Damage::Stripes:
        return QStringLiteral("stripes");
    case Damage::DottedLine:
        return QStringLiteral("dotted line");
    case Damage::ZigzagLine:
        return QStringLiteral("zigzag line");
    case Damage::OutlineOnly:
        return QStringLiteral("outline only");
    }
    return {};
}

std::vector<std::uint8_t> damaged(const std::uint8_t *mnistDigit, Damage damage,
                                  QRandomGenerator &random) {
    Grid grid(mnistDigit);
    switch (damage) {
    case Damage::Grain:
        addGrain(grid, random);
        break;
    case Damage::SaltAndPepper:
        addSaltAndPepper(grid, random);
        break;
    case Damage::Blur:
        blur(grid, random);
        break;
    case Damage::Fog:
        addFog(grid, random);
        break;
    case Damage::Brightness:
        raiseBlackLevel(grid, random);
        break;
    case Damage::Stripes:
        addStripes(grid, random);
        break;
    case Damage::DottedLine:
        addDottedLine(grid, random);
        break;
    case Damage::ZigzagLine:
        addZigzagLine(grid, random);
        break;
    case Damage::OutlineOnly:
        keepOutline(grid);
        break;
    }
    return grid.bytes();
}

QImage asFile(const std::uint8_t *digit) {
    return QImage(digit, kSide, kSide, kSide, QImage::Format_Grayscale8).copy();
}

QImage asPicture(const std::uint8_t *digit) {
    QImage picture = asFile(digit);
    picture.invertPixels();
    return picture.scaled(10 * kSide, 10 * kSide, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
}
