// The negatives the not-a-digit class learns from (figures of straight strokes drawn with
// handwritten 1s, framed as the preprocessing frames a picture) and the augmentations that keep
// a stroke's look from giving the class away: flags on 1s, sharper edges.
#include "augmentation.h"
#include "classifier_impl.h"
#include "mnist.h"

#include <QtTest>

using namespace digitpad;

namespace {
// The first `count` test digits with this label, as [count,1,28,28] ink.
torch::Tensor digitsOf(const Dataset &test, int label, int count) {
    std::vector<int> indices;
    for (int i = 0; i < test.size() && int(indices.size()) < count; ++i)
        if (test.labels[std::size_t(i)] == label)
            indices.push_back(i);
    const Dataset chosen = test.subset(indices);
    return inkTensorFromBytes(chosen.pixels.data(), chosen.size());
}
} // namespace

class AugmentationTest : public QObject {
    Q_OBJECT
    Dataset m_test;

  private Q_SLOTS:
    void initTestCase() { m_test = loadMnistTest(); }

    void stickFiguresAreFramedLikeAPreprocessedPicture() {
        torch::manual_seed(5);
        const torch::Tensor ones = digitsOf(m_test, 1, 100);
        const torch::Tensor figures = makeStickFigures(ones, 200);
        QCOMPARE(figures.sizes().vec(), (std::vector<int64_t>{200, 1, 28, 28}));
        QVERIFY(figures.min().item<float>() >= 0.0f && figures.max().item<float>() <= 1.0f);
        // More ink than a typical 1, though drawn with the plainer half of the 1s (less ink).
        const double oneMass = ones.sum({1, 2, 3}).median().item<double>();
        int framed = 0, severalStrokes = 0;
        for (int64_t i = 0; i < figures.size(0); ++i) {
            const auto ink = (figures[i][0] > 0.3f).nonzero();
            QVERIFY2(ink.size(0) > 0, qPrintable(QString("figure %1 is empty").arg(i)));
            const auto low = std::get<0>(ink.min(0)), high = std::get<0>(ink.max(0));
            const auto side = (high - low + 1).max().item<int64_t>();
            // The centre of mass, in pixels, as the preprocessing measures it.
            const auto weights = figures[i][0];
            const auto positions = torch::arange(28, torch::kFloat);
            const double mass = weights.sum().item<double>();
            const double centreY = (weights.sum(1) * positions).sum().item<double>() / mass;
            const double centreX = (weights.sum(0) * positions).sum().item<double>() / mass;
            // Endpoints span 20 px; the pen adds its width. The centre of mass is MNIST's (pixel
            // 14), moved by up to 2 pixels as a digit is, give or take where strokes cross.
            framed += side >= 18 && side <= 26 && std::abs(centreX - 14) <= 2.5 &&
                      std::abs(centreY - 14) <= 2.5;
            severalStrokes += figures[i].sum().item<double>() > oneMass;
        }
        QVERIFY2(framed >= 190, qPrintable(QString("%1 of 200 framed").arg(framed)));
        QVERIFY2(severalStrokes >= 190,
                 qPrintable(QString("%1 of 200 with more ink than a 1").arg(severalStrokes)));
    }

    // A figure's strokes must meet at its corners however the 1s drawing it lean or sit in
    // their box: the same figures drawn with the 1s slanted and moved cover the same pixels.
    void stickFiguresDoNotDependOnHowTheOnesLean() {
        namespace F = torch::nn::functional;
        const torch::Tensor ones = digitsOf(m_test, 1, 50);
        const auto leanAndMove = torch::tensor({{1.0f, 0.35f, 0.12f}, {0.0f, 1.0f, -0.08f}})
                                     .expand({ones.size(0), 2, 3});
        const torch::Tensor leaning =
            F::grid_sample(ones, F::affine_grid(leanAndMove, ones.sizes(), false),
                           F::GridSampleFuncOptions().align_corners(false));
        torch::manual_seed(6);
        const torch::Tensor upright = makeStickFigures(ones, 100) > 0.3f;
        torch::manual_seed(6);
        const torch::Tensor slanted = makeStickFigures(leaning, 100) > 0.3f;
        const double overlap =
            (upright & slanted).sum().item<double>() / (upright | slanted).sum().item<double>();
        QVERIFY2(overlap >= 0.85, qPrintable(QString("ink overlap %1").arg(overlap)));
    }

    // The European 1: some 1s get a flag, ink added above and left of their middle; no other
    // digit changes.
    void aQuarterOfTheOnesGetAFlag() {
        const torch::Tensor ones = digitsOf(m_test, 1, 200), sevens = digitsOf(m_test, 7, 50);
        const torch::Tensor ink = torch::cat({ones, sevens});
        const torch::Tensor labels = torch::cat({torch::full({ones.size(0)}, 1, torch::kLong),
                                                 torch::full({sevens.size(0)}, 7, torch::kLong)});
        torch::manual_seed(8);
        const torch::Tensor flagged = withFlaggedOnes(ink, labels);
        QVERIFY(torch::equal(flagged.slice(0, ones.size(0)), sevens));
        const torch::Tensor added = (flagged.slice(0, 0, ones.size(0)) - ones).clamp_min(0);
        const auto changed = (added.amax({1, 2, 3}) > 0.3f).nonzero().squeeze(1);
        QVERIFY2(changed.numel() >= 30 && changed.numel() <= 70,
                 qPrintable(QString("%1 of 200 flagged").arg(changed.numel())));
        // The flag's centre of ink against the 1's: above its middle, and left of its tip (a
        // leaning 1's tip is right of its middle).
        const auto coordinates = torch::arange(28, torch::kFloat);
        const auto centreOf = [&](const torch::Tensor &profile) {
            return (profile * coordinates).sum().item<double>() / profile.sum().item<double>();
        };
        int upperLeft = 0;
        for (int64_t i = 0; i < changed.numel(); ++i) {
            const int64_t index = changed[i].item<int64_t>();
            const torch::Tensor flag = added[index][0], one = ones[index][0];
            const int64_t tipRow = (one.amax(1) > 0.3f).nonzero()[0].item<int64_t>();
            upperLeft += centreOf(flag.sum(1)) < centreOf(one.sum(1)) - 4 &&
                         centreOf(flag.sum(0)) < centreOf(one[tipRow]);
        }
        QVERIFY2(
            upperLeft >= changed.numel() * 9 / 10,
            qPrintable(
                QString("%1 of %2 flags up and to the left").arg(upperLeft).arg(changed.numel())));
    }

    // Narrow 0s: some 0s are squeezed to under 0.8 of their width (measured by the spread of
    // their ink across), keep their height, stay centred; no other digit changes.
    void threeZerosInTenAreSqueezedNarrow() {
        const torch::Tensor zeros = digitsOf(m_test, 0, 200), sixes = digitsOf(m_test, 6, 50);
        const torch::Tensor ink = torch::cat({zeros, sixes});
        const torch::Tensor labels = torch::cat({torch::full({zeros.size(0)}, 0, torch::kLong),
                                                 torch::full({sixes.size(0)}, 6, torch::kLong)});
        torch::manual_seed(9);
        const torch::Tensor narrowed = withNarrowZeros(ink, labels);
        QVERIFY(torch::equal(narrowed.slice(0, zeros.size(0)), sixes));
        const torch::Tensor after = narrowed.slice(0, 0, zeros.size(0));
        // Pixel centres about the picture's centre, the point the squeeze keeps.
        const auto coordinates = torch::arange(28, torch::kFloat) - 13.5f;
        // Each digit's ink profile along x (dim 3) or y (dim 2): its centre and spread.
        const auto profileAlong = [](const torch::Tensor &digits, int64_t dim) {
            return digits.sum({1, dim == 3 ? 2 : 3});
        };
        const auto centreOf = [&](const torch::Tensor &profile) {
            return (profile * coordinates).sum(1) / profile.sum(1);
        };
        const auto spreadOf = [&](const torch::Tensor &profile) {
            const auto offsets = coordinates.unsqueeze(0) - centreOf(profile).unsqueeze(1);
            return ((profile * offsets.pow(2)).sum(1) / profile.sum(1)).sqrt();
        };
        const auto changed = (after - zeros).abs().amax({1, 2, 3}) > 0.0f;
        const int64_t count = changed.sum().item<int64_t>();
        QVERIFY2(count >= 40 && count <= 80, qPrintable(QString("%1 of 200 squeezed").arg(count)));
        const auto acrossBefore = profileAlong(zeros, 3).index({changed});
        const auto acrossAfter = profileAlong(after, 3).index({changed});
        const auto kept = spreadOf(acrossAfter) / spreadOf(acrossBefore);
        QVERIFY2(kept.max().item<float>() < 0.85f && kept.min().item<float>() > 0.4f,
                 qPrintable(QString("widths kept %1 to %2")
                                .arg(kept.min().item<float>())
                                .arg(kept.max().item<float>())));
        const auto heightChange = spreadOf(profileAlong(after, 2).index({changed})) -
                                  spreadOf(profileAlong(zeros, 2).index({changed}));
        QVERIFY((heightChange.abs() < 0.3f).all().item<bool>());
        // Mirrored or not, the ink keeps its distance from the centre, squeezed.
        const auto centreMove = centreOf(acrossAfter).abs() - centreOf(acrossBefore).abs() * kept;
        QVERIFY((centreMove.abs() < 0.5f).all().item<bool>());
    }

    // Half the squeezed 0s are mirrored: 0s with ink on their left half only (so a mirrored one
    // has its ink on the right) come out about half one way, half the other.
    void halfTheNarrowZerosAreMirrored() {
        auto leftHalves = digitsOf(m_test, 0, 200).clone();
        leftHalves.slice(3, 14, 28).zero_();
        torch::manual_seed(10);
        const torch::Tensor after =
            withNarrowZeros(leftHalves, torch::zeros({leftHalves.size(0)}, torch::kLong));
        const auto changed = (after - leftHalves).abs().amax({1, 2, 3}) > 0.0f;
        const auto right = after.slice(3, 14, 28).sum({1, 2, 3});
        const auto left = after.slice(3, 0, 14).sum({1, 2, 3});
        const int64_t squeezed = changed.sum().item<int64_t>();
        const int64_t mirrored = (changed & (right > left)).sum().item<int64_t>();
        QVERIFY2(squeezed >= 40 && mirrored >= squeezed * 3 / 10 && mirrored <= squeezed * 7 / 10,
                 qPrintable(QString("%1 of %2 squeezed 0s mirrored").arg(mirrored).arg(squeezed)));
    }

    void aThirdOfABatchGetsSharperEdges() {
        const torch::Tensor digits = torch::cat(
            {digitsOf(m_test, 3, 200), digitsOf(m_test, 8, 200), digitsOf(m_test, 0, 200)});
        torch::manual_seed(12);
        const torch::Tensor sharper = withSharperEdges(digits);
        const auto changed = (sharper - digits).abs().amax({1, 2, 3}) > 0;
        const int count = changed.sum().item<int>();
        QVERIFY2(count >= 150 && count <= 250,
                 qPrintable(QString("%1 of 600 sharpened").arg(count)));
        // The sharpened lose the grey rim of their strokes: faint ink goes, dark ink turns black.
        const auto before = digits.index({changed}), after = sharper.index({changed});
        QVERIFY(after.index({before < 0.3f}).abs().max().item<float>() == 0.0f);
        QVERIFY(after.index({before > 0.7f}).min().item<float>() == 1.0f);
        const auto rimShare = [](const torch::Tensor &ink) {
            return ((ink > 0.1f) & (ink < 0.9f)).sum().item<double>() /
                   (ink > 0.1f).sum().item<double>();
        };
        QVERIFY2(rimShare(after) < rimShare(before) / 2,
                 qPrintable(QString("grey rim %1 -> %2 of the ink")
                                .arg(rimShare(before))
                                .arg(rimShare(after))));
        QVERIFY(torch::equal(sharper.index({~changed}), digits.index({~changed})));
    }

    // A hand draws a figure with one pen: drawn with 1s of which half are faint copies of the
    // other half, about half the figures are faint all over. A pen per stroke would make a
    // figure faint only when all its two to twenty-four strokes were.
    void everyStickOfAFigureIsDrawnWithOnePen() {
        const torch::Tensor ones = digitsOf(m_test, 1, 100);
        torch::manual_seed(7);
        const torch::Tensor figures = makeStickFigures(torch::cat({ones, ones * 0.5}), 400);
        const int faint = (figures.amax({1, 2, 3}) <= 0.5f).sum().item<int>();
        QVERIFY2(faint >= 140 && faint <= 260,
                 qPrintable(QString("%1 of 400 figures faint all over").arg(faint)));
    }

    // Shapes are drawn with markers too. Drawn with one pen (a single 1), every figure would
    // have strokes of one width; about a third are drawn thicker, so much of their ink lies
    // inside a stroke (its whole 3x3 neighbourhood inked).
    void aThirdOfTheFiguresAreDrawnWithAThickerPen() {
        namespace F = torch::nn::functional;
        const torch::Tensor pen = digitsOf(m_test, 1, 1).expand({50, 1, 28, 28}).contiguous();
        torch::manual_seed(10);
        const torch::Tensor ink = (makeStickFigures(pen, 400) > 0.3f).to(torch::kFloat);
        const auto inside = -F::max_pool2d(-ink, F::MaxPool2dFuncOptions(3).stride(1).padding(1));
        const auto insideShare = inside.sum({1, 2, 3}) / ink.sum({1, 2, 3}).clamp_min(1);
        // This pen alone leaves under 0.4 of a figure's ink inside (21 of 400 figures above it
        // without the thicker pens); a thicker one, about half.
        const int thick = (insideShare > 0.4).sum().item<int>();
        QVERIFY2(thick >= 100 && thick <= 180,
                 qPrintable(QString("%1 of 400 figures drawn thick").arg(thick)));
    }

    // A 1 with a base (or a flag) would repeat it on every short stroke of a curve: such 1s
    // (here faint, so their use shows) are never the pen.
    void onesWithABaseAreNotUsedAsPens() {
        const torch::Tensor ones = digitsOf(m_test, 1, 100);
        auto based = ones.clone() * 0.5;
        based.slice(2, 22, 25).slice(3, 7, 21).fill_(0.5); // a bar under each 1
        torch::manual_seed(8);
        const torch::Tensor figures = makeStickFigures(torch::cat({ones, based}), 200);
        const int faint = (figures.amax({1, 2, 3}) <= 0.5f).sum().item<int>();
        QCOMPARE(faint, 0);
    }

    void stickFiguresAreReproducibleUnderTheSeed() {
        const torch::Tensor ones = digitsOf(m_test, 1, 20);
        torch::manual_seed(9);
        const torch::Tensor first = makeStickFigures(ones, 16);
        torch::manual_seed(9);
        QVERIFY(torch::equal(first, makeStickFigures(ones, 16)));
        QVERIFY(!torch::equal(first, makeStickFigures(ones, 16)));
    }

    void aBatchWithoutOnesStillGetsItsNegatives() {
        torch::manual_seed(3);
        const torch::Tensor zeros = digitsOf(m_test, 0, 32);
        const torch::Tensor labels = torch::zeros({zeros.size(0)}, torch::kLong);
        const torch::Tensor negatives = makeNonDigits(zeros, labels, 12);
        QCOMPARE(negatives.sizes().vec(), (std::vector<int64_t>{12, 1, 28, 28}));
        QVERIFY(negatives.sum({1, 2, 3}).min().item<float>() > 10.0f); // every one has ink
    }

    void halfTheNegativesOfABatchWithOnesAreStickFigures() {
        // The same digits and seed, once labelled 1 and once labelled 2: the negatives differ
        // where stick figures (made only from 1s) replaced them, half, and where a digit was
        // filled in (a 1 is crossed out instead), a fifth of the other half.
        const torch::Tensor ones = digitsOf(m_test, 1, 200);
        torch::manual_seed(4);
        const torch::Tensor withFigures =
            makeNonDigits(ones, torch::ones({ones.size(0)}, torch::kLong), 400);
        torch::manual_seed(4);
        const torch::Tensor without =
            makeNonDigits(ones, torch::full({ones.size(0)}, 2, torch::kLong), 400);
        const int replaced = ((withFigures - without).abs().amax({1, 2, 3}) > 0).sum().item<int>();
        QVERIFY2(replaced >= 200 && replaced <= 280,
                 qPrintable(QString("%1 of 400 differ").arg(replaced)));
    }
};

QTEST_MAIN(AugmentationTest)
#include "test_augmentation.moc"
