#include "classifier_impl.h"
#include "not_digit_views.h"

#include <QtTest>

using namespace digitpad;

namespace {
// Ink's total, centre and spread: what turning and scaling about the centre must change or keep.
struct InkShape {
    double total = 0, x = 0, y = 0, xx = 0, xy = 0;
};
InkShape shapeOf(const torch::Tensor &image) { // [28,28]
    const auto ink = image.to(torch::kDouble);
    const auto rows = torch::arange(kImageSide, torch::kDouble).view({-1, 1});
    const auto columns = torch::arange(kImageSide, torch::kDouble).view({1, -1});
    InkShape shape;
    shape.total = ink.sum().item<double>();
    shape.x = (ink * columns).sum().item<double>() / shape.total;
    shape.y = (ink * rows).sum().item<double>() / shape.total;
    shape.xx = (ink * (columns - shape.x).pow(2)).sum().item<double>() / shape.total;
    shape.xy = (ink * (columns - shape.x) * (rows - shape.y)).sum().item<double>() / shape.total;
    return shape;
}
} // namespace

class NotDigitViewsTest : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void viewsTurnAndScaleTheInkAboutTheCentre() {
        // A flat bar through the middle, 20 pixels long.
        auto ink = torch::zeros({1, 1, kImageSide, kImageSide});
        ink.index_put_({0, 0, torch::indexing::Slice(13, 15), torch::indexing::Slice(4, 24)}, 1.0);
        const auto views = notDigitViews(ink);
        QCOMPARE(views.size(0), kNotDigitViews - 1);
        const InkShape bar = shapeOf(ink[0][0]);
        const InkShape left = shapeOf(views[0][0]), right = shapeOf(views[1][0]);
        const InkShape smaller = shapeOf(views[2][0]), larger = shapeOf(views[3][0]);
        for (const InkShape &view : {left, right, smaller, larger}) {
            QVERIFY(std::abs(view.x - bar.x) < 0.3);
            QVERIFY(std::abs(view.y - bar.y) < 0.3);
        }
        // Turned 12 degrees either way: the bar leans one way, then the other, its ink kept.
        QCOMPARE(bar.xy, 0.0);
        QVERIFY2(left.xy * right.xy < 0 && std::abs(left.xy) > 3.0,
                 qPrintable(QStringLiteral("%1 %2").arg(left.xy).arg(right.xy)));
        QVERIFY(std::abs(left.total / bar.total - 1.0) < 0.05);
        // Scaled by 0.88 and 1.12: the bar's length (its spread along x) shrinks and grows so.
        QVERIFY(std::abs(std::sqrt(smaller.xx / bar.xx) - 0.88) < 0.03);
        QVERIFY(std::abs(std::sqrt(larger.xx / bar.xx) - 1.12) < 0.03);
    }

    void theNotDigitProbabilityIsTheAverageOverTheInkAndItsViews() {
        torch::manual_seed(3);
        Classifier model = Classifier::create(QStringLiteral("mlp"), true);
        const auto ink = torch::rand({3, 1, kImageSide, kImageSide});
        const auto asIs = model.impl().predictInk(ink);
        const auto viewed = model.impl().predictInk(notDigitViews(ink));
        ModelMetadata metadata = model.metadata();
        metadata.notDigitOverViews = true;
        model.setMetadata(metadata);
        const auto averaged = model.impl().predictInk(ink);
        const auto digitsOnly = model.impl().predictInk(ink, NotDigitScore::Skipped);
        for (std::size_t i = 0; i < asIs.size(); ++i) {
            float sum = *asIs[i].notDigitScore;
            for (std::size_t view = 0; view < kNotDigitViews - 1; ++view)
                sum += *viewed[view * asIs.size() + i].notDigitScore;
            QVERIFY(std::abs(*averaged[i].notDigitScore - sum / kNotDigitViews) < 1e-6);
            QVERIFY(std::abs(*averaged[i].notDigitScore - *asIs[i].notDigitScore) > 1e-6);
            // Which digit it is, if it is one, is read off the ink as it is (the batch, larger with
            // the views, may round differently).
            for (int digit = 0; digit < kClassCount; ++digit)
                QVERIFY(std::abs(averaged[i].probabilities[digit] - asIs[i].probabilities[digit]) <
                        1e-6);
            // Evaluations skip the score, and the views with it.
            QVERIFY(!digitsOnly[i].notDigitScore);
            QVERIFY(digitsOnly[i].probabilities == asIs[i].probabilities);
        }
    }

    // A picture the ink as it is already clears (its probability under kViewsSkippedBelow of the
    // threshold) keeps that probability; the others are averaged over their views, as before, in
    // the same batch. Calibration reads every picture's views.
    void aPictureTheInkAsItIsClearsIsReadWithoutItsViews() {
        torch::manual_seed(4);
        Classifier model = Classifier::create(QStringLiteral("mlp"), true);
        const auto ink = torch::rand({4, 1, kImageSide, kImageSide});
        auto &impl = model.impl();
        impl.net->eval(); // as predicting leaves it: no dropout
        const auto plain = impl.probabilities(ink, NotDigitScore::Skipped).select(1, kClassCount);
        const auto viewed =
            impl.probabilities(notDigitViews(ink), NotDigitScore::Skipped).select(1, kClassCount);
        const auto [sorted, order] = plain.sort();
        // The skip falls between the lowest probability and the next.
        ModelMetadata metadata = model.metadata();
        metadata.notDigitOverViews = true;
        metadata.notDigitThreshold =
            (sorted[0].item<double>() + sorted[1].item<double>()) / 2 / kViewsSkippedBelow;
        model.setMetadata(metadata);
        const auto read = impl.probabilities(ink).select(1, kClassCount);
        const auto calibrated = impl.probabilities(ink, NotDigitScore::Computed, ViewsFor::Every)
                                    .select(1, kClassCount);
        const int64_t clear = order[0].item<int64_t>();
        for (int64_t i = 0; i < ink.size(0); ++i) {
            double average = plain[i].item<double>();
            for (int64_t view = 0; view < kNotDigitViews - 1; ++view)
                average += viewed[view * ink.size(0) + i].item<double>();
            average /= kNotDigitViews;
            const double expected = i == clear ? plain[i].item<double>() : average;
            QVERIFY2(std::abs(read[i].item<double>() - expected) < 1e-6,
                     qPrintable(QString("picture %1").arg(i)));
            QVERIFY(std::abs(calibrated[i].item<double>() - average) < 1e-6);
        }
    }
};

QTEST_APPLESS_MAIN(NotDigitViewsTest)
#include "test_not_digit_views.moc"
