#pragma once

#include <QByteArray>
#include <QString>

namespace digitpad {

// Writes through QSaveFile: the old file stays intact until the new one is complete.
void writeFileAtomically(const QString &path, const QByteArray &bytes);

// Reads a whole file, refusing files above maxBytes. Throws digitpad::Error naming the file.
QByteArray readWholeFile(const QString &path, qint64 maxBytes);

} // namespace digitpad
