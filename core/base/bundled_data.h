#pragma once

#include <QString>

namespace digitpad {

// A file or folder DigitPad ships under share/digitpad/ (the default model, the MNIST files):
// beside the program first (../share/digitpad, in the build tree and once installed), then in
// the system's data folders. When it is nowhere, the path beside the program, for messages.
QString bundledDataPath(const QString &relativePath);

} // namespace digitpad
