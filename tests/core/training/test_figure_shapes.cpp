// Letters built from a digit's strokes, as the not-a-digit class learns them: each must keep what
// tells it apart from the digit it resembles (a T's stem is not a 7's, a C is not a closed 0).
#include "figure_shapes.h"

#include <QRandomGenerator>
#include <QtTest>
#include <cmath>
#include <limits>

using namespace digitpad;

namespace {
std::vector<float> randoms(QRandomGenerator &random) {
    std::vector<float> values(kFigureRandoms);
    for (float &value : values)
        value = float(random.generateDouble());
    return values;
}

// Where the lines through two sticks cross, as a share of the way along each (0 at its first
// end, 1 at its second); nothing when they are parallel.
std::optional<std::pair<double, double>> crossing(const Stick &a, const Stick &b) {
    const double ax = a[2] - a[0], ay = a[3] - a[1], bx = b[2] - b[0], by = b[3] - b[1];
    const double denominator = ax * by - ay * bx;
    if (std::abs(denominator) < 1e-9)
        return std::nullopt;
    const double dx = b[0] - a[0], dy = b[1] - a[1];
    return std::make_pair((dx * by - dy * bx) / denominator, (dx * ay - dy * ax) / denominator);
}

double distance(float x0, float y0, float x1, float y1) {
    return std::hypot(x1 - x0, y1 - y0);
}
} // namespace

class FigureShapesTest : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    // A 7's stem falls from the end of its bar; a T's from near its middle, and a t's bar
    // crosses its stem with room on both sides.
    void aTeesBarMeetsItsStemAwayFromTheBarsEnds() {
        QRandomGenerator random(3);
        for (int i = 0; i < 200; ++i) {
            const auto sticks = makeFigureSticks(randoms(random).data(), FigureKind::Tee);
            QCOMPARE(sticks.size(), std::size_t(2));
            const auto where = crossing(sticks[0], sticks[1]);
            QVERIFY(where);
            const double awayFromEnds = std::max(std::min(where->first, 1 - where->first),
                                                 std::min(where->second, 1 - where->second));
            QVERIFY2(awayFromEnds >= 0.3,
                     qPrintable(QString("figure %1: %2").arg(i).arg(awayFromEnds)));
        }
    }

    // A C, an e and a ? are open curves: a closed one is a 0.
    void arcsAreOpen() {
        QRandomGenerator random(4);
        for (int i = 0; i < 200; ++i) {
            const auto sticks = makeFigureSticks(randoms(random).data(), FigureKind::Arc);
            QVERIFY(sticks.size() >= 10);
            // The curve is the longest run of sticks each starting where the one before ended.
            std::size_t runStart = 0, bestStart = 0, bestEnd = 0;
            for (std::size_t s = 1; s <= sticks.size(); ++s)
                if (s == sticks.size() || distance(sticks[s - 1][2], sticks[s - 1][3], sticks[s][0],
                                                   sticks[s][1]) > 1e-4f) {
                    if (s - 1 - runStart > bestEnd - bestStart)
                        bestStart = runStart, bestEnd = s - 1;
                    runStart = s;
                }
            const double gap = distance(sticks[bestStart][0], sticks[bestStart][1],
                                        sticks[bestEnd][2], sticks[bestEnd][3]);
            QVERIFY2(gap >= 0.2, qPrintable(QString("figure %1: gap %2").arg(i).arg(gap)));
        }
    }

    // An A's bar joins its two legs, which meet at the top.
    void anAsBarJoinsItsLegs() {
        QRandomGenerator random(5);
        for (int i = 0; i < 200; ++i) {
            const auto sticks = makeFigureSticks(randoms(random).data(), FigureKind::Apex);
            QCOMPARE(sticks.size(), std::size_t(3));
            const Stick &left = sticks[0], &right = sticks[1], &bar = sticks[2];
            QVERIFY(distance(left[2], left[3], right[2], right[3]) < 1e-4f);
            for (const Stick *leg : {&left, &right}) {
                const auto where = crossing(bar, *leg);
                QVERIFY(where);
                const double alongBar = where->first, alongLeg = where->second;
                QVERIFY2(
                    (std::abs(alongBar) < 1e-3 || std::abs(alongBar - 1) < 1e-3) &&
                        alongLeg > 0.2 && alongLeg < 0.8,
                    qPrintable(QString("figure %1: %2 %3").arg(i).arg(alongBar).arg(alongLeg)));
            }
        }
    }

    // Every kind is framed as the preprocessing frames a picture: its longer side fills the
    // 20-pixel box, and its centre of mass (each stick's middle, weighed by its length) lies at
    // MNIST's, pixel 14 of 28, moved by at most 2 pixels either way, and not always by the same.
    void everyKindIsFramedInTheDigitBox() {
        constexpr float kMassCentreInGrid = (2 * 14.0f + 1) / 28 - 1, kTwoPixels = 4.0f / 28;
        QRandomGenerator random(6);
        for (int kind = 0; kind < kFigureKinds; ++kind) {
            float lowestX = 9, highestX = -9;
            for (int i = 0; i < 20; ++i) {
                const auto sticks = makeFigureSticks(randoms(random).data(), FigureKind(kind));
                float left = 9, right = -9, top = 9, bottom = -9;
                for (const Stick &stick : sticks)
                    for (int end = 0; end < 4; end += 2) {
                        left = std::min(left, stick[end]), right = std::max(right, stick[end]);
                        top = std::min(top, stick[end + 1]);
                        bottom = std::max(bottom, stick[end + 1]);
                    }
                QVERIFY(std::abs(std::max(right - left, bottom - top) - kDigitBoxInGrid) < 1e-3f);
                float mass = 0, x = 0, y = 0;
                for (const Stick &stick : sticks) {
                    const float length = std::hypot(stick[2] - stick[0], stick[3] - stick[1]);
                    mass += length;
                    x += length * (stick[0] + stick[2]) / 2;
                    y += length * (stick[1] + stick[3]) / 2;
                }
                x /= mass, y /= mass;
                QVERIFY2(
                    std::abs(x - kMassCentreInGrid) <= kTwoPixels + 1e-4f &&
                        std::abs(y - kMassCentreInGrid) <= kTwoPixels + 1e-4f,
                    qPrintable(QString("kind %1: centre of mass %2, %3").arg(kind).arg(x).arg(y)));
                lowestX = std::min(lowestX, x), highestX = std::max(highestX, x);
                QVERIFY(int(sticks.size()) <= kMaxSticks);
            }
            QVERIFY2(highestX - lowestX > kTwoPixels / 2, qPrintable(QString::number(kind)));
        }
    }

    // A figure draws from kFigureRandoms numbers: one more would read past the generator's row.
    // And every stick has a direction: one of no length is drawn as a 1 squeezed to a point,
    // which fills the whole picture with ink.
    void everyKindDrawsWithinItsRandomNumbersAndEveryStickHasALength() {
        QRandomGenerator random(7);
        for (int kind = 0; kind < kFigureKinds; ++kind)
            for (int i = 0; i < 50; ++i) {
                std::vector<float> values = randoms(random);
                values.resize(std::size_t(2) * kFigureRandoms,
                              std::numeric_limits<float>::quiet_NaN());
                for (const Stick &stick : makeFigureSticks(values.data(), FigureKind(kind))) {
                    for (const float end : stick)
                        QVERIFY2(std::isfinite(end), qPrintable(QString("kind %1").arg(kind)));
                    QVERIFY2(distance(stick[0], stick[1], stick[2], stick[3]) >= 0.02,
                             qPrintable(QString("kind %1").arg(kind)));
                }
            }
    }

    // A bracket's ends stay far apart: joined, a [ is a box and a { a 0.
    void bracketsStayOpen() {
        QRandomGenerator random(8);
        for (int i = 0; i < 200; ++i) {
            const auto sticks = makeFigureSticks(randoms(random).data(), FigureKind::Bracket);
            const Stick &first = sticks.front(), &last = sticks.back();
            const double gap = sticks.size() == 3
                                   ? distance(sticks[1][2], sticks[1][3], last[2], last[3])
                                   : distance(first[0], first[1], last[2], last[3]);
            QVERIFY2(gap >= 0.5, qPrintable(QString("figure %1: gap %2").arg(i).arg(gap)));
        }
    }
};

QTEST_APPLESS_MAIN(FigureShapesTest)
#include "test_figure_shapes.moc"
