#pragma once

#include <QString>

namespace digitpad {

// Where models live: the user's own (trained in the app or the CLI) under the XDG data folder,
// and the default model shipped beside the program (share/digitpad/models, in the build tree and
// once installed).
QString userModelsDirectory();
QString bundledDefaultModelPath();
// $DIGITPAD_MODEL if set, else the user's default.dpmodel if present, else the bundled one.
QString defaultModelPath();

} // namespace digitpad
