#pragma once
// For tests that change a label on purpose: which sample to change, chosen by a judge that
// never saw the change (the default model), so that the evidence against the new label is clear.

#include "checkpoint.h"
#include "dataset.h"

namespace digitpad::testing {

// The index of the sample labelled `label` that the default model reads most surely; -1 when
// there is none.
inline int clearestOf(const Dataset &data, int label) {
    const std::vector<Prediction> read =
        loadModel(QStringLiteral(DIGITPAD_DEFAULT_MODEL_PATH))
            .predictImages(data.pixels.data(), data.size(), NotDigitScore::Skipped);
    int clearest = -1;
    for (int k = 0; k < data.size(); ++k)
        if (data.labels[std::size_t(k)] == label &&
            (clearest < 0 ||
             read[std::size_t(k)].confidence > read[std::size_t(clearest)].confidence))
            clearest = k;
    return clearest;
}

} // namespace digitpad::testing
