#pragma once

#include "digit_image.h"

#include <array>
#include <cstdint>
#include <vector>

namespace digitpad {

// A digit whose given label the evidence doubts.
struct LabelSuspect {
    int index = 0;               // 0-based position in the audited data set
    int label = 0;               // as given
    int suggested = 0;           // the digit the evidence points to
    double selfConfidence = 0.0; // the out-of-sample probability of the given label
    // How sure the evidence is: the suggested digit's probability minus the given label's, in
    // (0, 1]; the larger, the more suspicious.
    double score = 0.0;
    // In the confident joint (the suggested digit's probability reaches that digit's threshold);
    // otherwise the networks merely read another digit likelier than the label.
    bool confident = true;
};

struct LabelAudit {
    // Per digit: the mean out-of-sample probability of that digit over the samples labelled so.
    std::array<double, kClassCount> thresholds{};
    // Confident joint: [given][suggested] counts of samples whose probability of `suggested`
    // reaches its threshold (the likeliest such digit, when several do). Off the diagonal: the
    // suspects.
    std::array<std::array<int, kClassCount>, kClassCount> confidentJoint{};
    // Most suspicious first: the confident ones by score, then the other samples the networks
    // read as another digit, by score.
    std::vector<LabelSuspect> suspects;
    int confidentSuspects = 0; // how many of `suspects` come first as confident
};

// Confident learning (Northcutt, Jiang and Chuang, JAIR 2021) over out-of-sample probabilities:
// `probabilities[k]` must come from a network that did not train on sample k, or every label
// looks right. A class with no samples gets a threshold of 1. Confident learning is strict: with
// good networks it names few samples, so the samples they merely read as another digit follow
// (ranked after every confident one), for a user who looks further down the list.
LabelAudit auditLabels(const std::vector<std::array<float, kClassCount>> &probabilities,
                       const std::vector<std::uint8_t> &labels);

} // namespace digitpad
