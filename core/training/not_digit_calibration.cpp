#include "not_digit_calibration.h"

#include "not_digit_views.h"
#include "trainer.h"

#include <algorithm>
#include <cmath>

namespace digitpad {

namespace {
// The probability that at most kValidationDigitsRejected of `probabilities` reach, at least 0.02.
double rejectingShare(const torch::Tensor &probabilities) {
    const auto sorted = std::get<0>(probabilities.sort());
    const int64_t n = sorted.size(0);
    const int64_t at =
        std::min<int64_t>(n - 1, int64_t(std::ceil((1.0 - kValidationDigitsRejected) * double(n))));
    return std::clamp(sorted[at].item<double>(), 0.02, 1.0);
}

} // namespace

// The threshold and the pictures averaged depend on each other, so the views are read for a
// first guess's pictures, then for more while the threshold found lowers the bar: most digits
// never need theirs, which takes most of the calibration's work away.
double calibratedNotDigitThreshold(const Classifier::Impl &model, const torch::Tensor &ink) {
    const torch::Tensor plain =
        model.notDigitProbabilities(ink, NotDigitScore::Skipped, ViewsFor::Every, kEvaluationChunk);
    if (plain.numel() == 0)
        return 1.0;
    torch::Tensor scores = plain.clone();
    torch::Tensor averaged = torch::zeros_like(plain, torch::kBool);
    double from = rejectingShare(plain) * kViewsSkippedBelow;
    for (;;) {
        const auto wanted = plain.ge(from).logical_and(averaged.logical_not()).nonzero().squeeze(1);
        if (wanted.numel() > 0) {
            scores.index_put_({wanted}, model.notDigitProbabilities(
                                            ink.index_select(0, wanted), NotDigitScore::Computed,
                                            ViewsFor::Every, kEvaluationChunk));
            averaged.index_fill_(0, wanted, true);
        }
        const double threshold = rejectingShare(scores);
        if (threshold * kViewsSkippedBelow >= from)
            return threshold;
        from = threshold * kViewsSkippedBelow;
    }
}

} // namespace digitpad
