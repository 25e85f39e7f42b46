#pragma once
// qcustomplot.h uses Qt's keyword macros, which DigitPad turns off (QT_NO_KEYWORDS) because
// they break ATen headers. They are restored for this one header only.
#define signals Q_SIGNALS
#define slots Q_SLOTS
#define emit Q_EMIT
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef slots
#undef emit
#undef foreach
