#pragma once

#include "classifier.h"

#include <QString>

namespace digitpad {

// A .dpmodel file (format 2): magic, metadata as JSON, the weights in DigitPad's own tensor
// encoding (tensor_file.h), and a CRC-32 over both, so truncation and corruption are told apart
// from a foreign file, and no byte sequence can crash the reader.
void saveModel(const Classifier &model, const QString &path); // atomic
// Throws digitpad::Error naming the file: missing, foreign, truncated, corrupt, metadata that
// makes no sense, unknown architecture, or weights that do not fit the architecture. Format-1
// files (weights as a LibTorch archive) are read in a child process, digitpad-cli upgrade-model.
Classifier loadModel(const QString &path);
ModelMetadata readModelMetadata(const QString &path);
// Reads a format-1 file with LibTorch's archive loader in this process: only for the child
// process that upgrades old files, since hostile bytes can crash that loader.
Classifier loadLegacyModelInThisProcess(const QString &path);

} // namespace digitpad
