// predict of one image after the model is loaded: preprocessing + inference (target < 5 ms).
// Then what reading a clear digit without its not-a-digit views changes (not_digit_views.h:
// kViewsSkippedBelow): the share of validation digits and held-out doodles read without them,
// and how many verdicts differ from averaging over the views for every picture.
//   bench_predict [model.dpmodel]
#include "bench_stats.h"
#include "checkpoint.h"
#include "classifier_impl.h"
#include "model_paths.h"
#include "not_digit_views.h"
#include "preprocess.h"
#include "quickdraw.h"
#include "training_data.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QPainter>
#include <cstdio>

namespace {
void compareViewSkipping(const digitpad::Classifier &model, const char *name,
                         const torch::Tensor &ink) {
    using digitpad::NotDigitScore, digitpad::ViewsFor;
    const auto &impl = model.impl();
    const auto notDigit = [&](NotDigitScore score, ViewsFor views) {
        return impl.notDigitProbabilities(ink, score, views);
    };
    const double threshold = impl.metadata.notDigitThreshold;
    const auto skipped = notDigit(NotDigitScore::Skipped, ViewsFor::Every) <
                         threshold * digitpad::kViewsSkippedBelow;
    const auto every = notDigit(NotDigitScore::Computed, ViewsFor::Every) >= threshold;
    const auto doubtful = notDigit(NotDigitScore::Computed, ViewsFor::Doubtful) >= threshold;
    std::printf("  %-20s %6ld  %9.1f%%  %10ld  %18ld\n", name, long(ink.size(0)),
                100.0 * skipped.to(torch::kFloat).mean().item<double>(),
                long(every.sum().item<int64_t>()), long(every.ne(doubtful).sum().item<int64_t>()));
}
} // namespace

int main(int argc, char *argv[]) {
    return guardedMain([&]() -> int {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen"); // no window is shown
        QGuiApplication application(argc, argv);
        const QString path =
            argc > 1 ? QString::fromLocal8Bit(argv[1]) : digitpad::defaultModelPath();
        const digitpad::Classifier model = digitpad::loadModel(path);

        QImage drawing(400, 400, QImage::Format_RGB32); // a canvas-sized 7
        drawing.fill(Qt::white);
        QPainter painter(&drawing);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(Qt::black, 22, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.drawPolyline(QPolygon({{110, 80}, {290, 80}, {180, 340}}));
        painter.end();
        const QImage photo = drawing.scaled(1600, 1600); // a phone-photo-sized one
        QImage camera(5472, 3648, QImage::Format_RGB32); // a 20-megapixel photo of a 7
        camera.fill(QColor(235, 230, 220));
        QPainter cameraPainter(&camera);
        cameraPainter.setRenderHint(QPainter::Antialiasing);
        cameraPainter.setPen(
            QPen(QColor(30, 30, 50), 90, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        cameraPainter.drawPolyline(QPolygon({{1800, 700}, {3600, 700}, {2500, 3100}}));
        cameraPainter.end();

        for (const auto &[name, image] :
             {std::pair{"400x400 drawing", drawing}, std::pair{"1600x1600 image", photo},
              std::pair{"5472x3648 photo (20 MP)", camera}}) {
            std::vector<double> preprocess, inference, total;
            for (int i = 0; i < 300; ++i) {
                QElapsedTimer timer;
                timer.start();
                const digitpad::ModelInput input = digitpad::preprocessImage(image);
                const double preprocessed = timer.nsecsElapsed() / 1e6;
                model.predict(input);
                const double all = timer.nsecsElapsed() / 1e6;
                if (i >= 10) { // warm-up excluded
                    preprocess.push_back(preprocessed);
                    inference.push_back(all - preprocessed);
                    total.push_back(all);
                }
            }
            std::printf("%s, %s model\n  preprocess: %s\n  inference:  %s\n  total:      %s\n",
                        name, qPrintable(model.metadata().architecture),
                        qPrintable(percentiles(preprocess)), qPrintable(percentiles(inference)),
                        qPrintable(percentiles(total)));
        }
        if (!model.metadata().notDigitClass || !model.metadata().notDigitOverViews)
            return 0;
        std::printf("\nnot-a-digit views skipped below %.4f (the threshold %.4f x %g)\n",
                    model.metadata().notDigitThreshold * digitpad::kViewsSkippedBelow,
                    model.metadata().notDigitThreshold, digitpad::kViewsSkippedBelow);
        std::printf("  %-20s %6s  %10s  %10s  %18s\n", "pictures", "n", "skipped", "rejected",
                    "verdicts changed");
        const digitpad::Dataset validation = digitpad::splitsOf(model.metadata()).validation;
        compareViewSkipping(
            model, "validation digits",
            digitpad::inkTensorFromBytes(validation.pixels.data(), validation.size()));
        const digitpad::DoodleSet doodles = digitpad::doodlesOfKinds(
            digitpad::loadDoodles(digitpad::bundledDoodlesPath()), /*heldOut=*/true);
        compareViewSkipping(model, "held-out doodles",
                            digitpad::inkTensorFromBytes(doodles.pixels.data(), doodles.size()));
        return 0;
    });
}
