#include "open_set_measure.h"

#include "error.h"
#include "preprocess.h"
#include "quickdraw.h"

#include <QImage>

namespace digitpad {

namespace {
constexpr int kChunk = 500;

std::vector<float> scoresOf(const std::vector<Prediction> &predictions) {
    std::vector<float> scores;
    scores.reserve(predictions.size());
    for (const Prediction &prediction : predictions)
        scores.push_back(prediction.notDigitScore.value_or(0.0f));
    return scores;
}

// The held-out doodles as the Draw tab would see them drawn: through the preprocessing.
std::vector<ModelInput> heldOutDoodleInputs() {
    const DoodleSet doodles = doodlesOfKinds(loadDoodles(bundledDoodlesPath()), true);
    std::vector<ModelInput> inputs;
    inputs.reserve(std::size_t(doodles.size()));
    for (int i = 0; i < doodles.size(); ++i) {
        const QImage picture(doodles.image(i), kImageSide, kImageSide, kImageSide,
                             QImage::Format_Grayscale8);
        try {
            inputs.push_back(preprocessImage(picture));
        } catch (const Error &) { // a blank doodle: nothing to read
        }
    }
    return inputs;
}
} // namespace

std::optional<OpenSetCurve> measureOpenSet(const Classifier &model, const Dataset &digits,
                                           const std::function<void(int, int)> &progress) {
    if (!model.metadata().notDigitClass)
        return std::nullopt;
    const std::vector<ModelInput> doodles = heldOutDoodleInputs();
    const int total = digits.size() + int(doodles.size());
    std::vector<float> digitScores;
    for (int first = 0; first < digits.size(); first += kChunk) {
        const int count = std::min(kChunk, digits.size() - first);
        const auto scores = scoresOf(model.predictImages(digits.image(first), count));
        digitScores.insert(digitScores.end(), scores.begin(), scores.end());
        if (progress)
            progress(first + count, total);
    }
    std::vector<float> doodleScores;
    for (std::size_t first = 0; first < doodles.size(); first += kChunk) {
        const auto last = std::min(doodles.size(), first + kChunk);
        const auto scores = scoresOf(model.predictInputs(std::vector<ModelInput>(
            doodles.begin() + std::ptrdiff_t(first), doodles.begin() + std::ptrdiff_t(last))));
        doodleScores.insert(doodleScores.end(), scores.begin(), scores.end());
        if (progress)
            progress(digits.size() + int(last), total);
    }
    return openSetCurve(std::move(digitScores), std::move(doodleScores));
}

} // namespace digitpad
