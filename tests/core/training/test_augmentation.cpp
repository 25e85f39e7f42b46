// The negatives the not-a-digit class learns from: figures of straight strokes drawn with
// handwritten 1s, framed as the preprocessing frames a picture.
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
        const double oneMass = ones.sum({1, 2, 3}).mean().item<double>();
        int framed = 0, severalStrokes = 0;
        for (int64_t i = 0; i < figures.size(0); ++i) {
            const auto ink = (figures[i][0] > 0.3f).nonzero();
            QVERIFY2(ink.size(0) > 0, qPrintable(QString("figure %1 is empty").arg(i)));
            const auto low = std::get<0>(ink.min(0)), high = std::get<0>(ink.max(0));
            const auto side = (high - low + 1).max().item<int64_t>();
            const double centreY = (low[0] + high[0]).item<double>() / 2;
            const double centreX = (low[1] + high[1]).item<double>() / 2;
            // Endpoints span 20 px; the pen adds its width.
            framed += side >= 18 && side <= 26 && std::abs(centreX - 13.5) <= 2.5 &&
                      std::abs(centreY - 13.5) <= 2.5;
            severalStrokes += figures[i].sum().item<double>() > 1.3 * oneMass;
        }
        QVERIFY2(framed >= 190, qPrintable(QString("%1 of 200 framed").arg(framed)));
        QVERIFY2(severalStrokes >= 190,
                 qPrintable(QString("%1 of 200 with more ink than a 1").arg(severalStrokes)));
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
        // exactly where stick figures (made only from 1s) replaced them.
        const torch::Tensor ones = digitsOf(m_test, 1, 200);
        torch::manual_seed(4);
        const torch::Tensor withFigures =
            makeNonDigits(ones, torch::ones({ones.size(0)}, torch::kLong), 400);
        torch::manual_seed(4);
        const torch::Tensor without =
            makeNonDigits(ones, torch::full({ones.size(0)}, 2, torch::kLong), 400);
        const int replaced = ((withFigures - without).abs().amax({1, 2, 3}) > 0).sum().item<int>();
        QVERIFY2(replaced >= 160 && replaced <= 240,
                 qPrintable(QString("%1 of 400 are figures").arg(replaced)));
    }
};

QTEST_MAIN(AugmentationTest)
#include "test_augmentation.moc"
