#pragma once

#include "dataset.h"

#include <vector>

namespace digitpad {

// The samples of `data` labelled `label` that look most like sample `index`, nearest first: at
// most `count`, never `index` itself. Beside a suspicious label they show what the digit it
// reads as looks like in the same data set, so the eye can judge.
//
// "Look like" is the distance between raw pixels: one pass over one digit's samples, with no
// network, is fast enough to answer a click over the whole training set, and MNIST's digits are
// centred and scaled alike, which makes raw pixels a fair (if simple) measure of likeness. The
// audit's probabilities would say what the networks think, not what the eye sees, and the audit
// keeps them for its suspects only.
std::vector<int> lookAlikes(const Dataset &data, int index, int label, int count);

} // namespace digitpad
