#pragma once

#include <vector>

namespace digitpad {

// What the model made of one evaluated sample: all the analysis needs.
struct SampleOutcome {
    int label = 0;
    int predicted = 0;
    float confidence = 0.0f; // probability of the predicted digit
    bool correct() const { return label == predicted; }
};

using Outcomes = std::vector<SampleOutcome>;

} // namespace digitpad
