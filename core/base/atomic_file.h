#pragma once

#include <QByteArray>
#include <QString>

namespace digitpad {

// Writes a temporary file beside `path`, fsyncs it, renames it over `path` and fsyncs the
// folder: the old file stays intact until the new one is complete and on the disk. Temporary
// files left by writes killed more than ten minutes ago are removed. Throws digitpad::Error with
// the system's reason (no space left, permission denied...).
void writeFileAtomically(const QString &path, const QByteArray &bytes);

// Reads a whole file, refusing files above maxBytes. Throws digitpad::Error naming the file.
QByteArray readWholeFile(const QString &path, qint64 maxBytes);

} // namespace digitpad
