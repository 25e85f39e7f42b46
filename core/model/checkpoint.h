#pragma once

#include "classifier.h"

#include <QString>

namespace digitpad {

// A .dpmodel file: magic, metadata as JSON, then the weights as a LibTorch archive with their
// length and CRC-32, so truncation and corruption are told apart from a foreign file.
void saveModel(const Classifier &model, const QString &path); // atomic
// Throws digitpad::Error naming the file: missing, foreign, truncated, corrupt, unknown
// architecture, or weights that do not fit the architecture the metadata names.
Classifier loadModel(const QString &path);
ModelMetadata readModelMetadata(const QString &path);

} // namespace digitpad
