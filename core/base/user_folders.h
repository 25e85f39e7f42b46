#pragma once

#include <QString>

namespace digitpad {

// Where a user's own DigitPad files live, one lowercase spelling each (XDG on Linux):
// ~/.local/share/digitpad (models, samples, marks), ~/.cache/digitpad (what can be recomputed),
// ~/.config/digitpad (settings). Every path below a user's home is built from these.
QString userDataFolder();
QString userCacheFolder();
QString userConfigFolder();
QString userSettingsFile();

// Earlier releases kept settings in ~/.config/DigitPad/DigitPad.conf and the feature cache in
// ~/.cache/DigitPad/DigitPad/features. Moves them to today's folders once: what is already at
// the new place is never overwritten, and the old folders go only when nothing else is in them.
void moveOldUserFolders();

} // namespace digitpad
