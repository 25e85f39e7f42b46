#pragma once

#include "dataset.h"
#include "label_marks.h"

#include <QString>

namespace digitpad {

// A suspect that a label audit found among the user's own samples, fixed where it is kept (the
// PersonalSamples store in `folder`): relabelled as `digit`, or deleted. `audited` is the data
// set as it was audited, so that
// - an edit never lands on another digit: it is refused when the store holds a different sample
//   at `index` now (changed in another window since);
// - the user's verdicts on the other samples are not lost: marks are kept per data set
//   fingerprint, which the edit changes, so they are copied to the edited set's first (the
//   edited sample's own mark is dropped: the user has decided it).
// Returns `audited` as edited. Throws digitpad::Error when the store or the marks cannot be
// read or written; the store is unchanged then.
Dataset fixPersonalLabel(const QString &folder, const Dataset &audited, int index, int digit,
                         LabelMarks &marks);
Dataset deletePersonalSample(const QString &folder, const Dataset &audited, int index,
                             LabelMarks &marks);

} // namespace digitpad
