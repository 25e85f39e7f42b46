#pragma once

#include <QByteArray>
#include <QString>

namespace digitpad {

bool isGzip(const QByteArray &bytes);

// Inflates a gzip stream; refuses to produce more than maxOutputBytes (a decompression bomb
// guard). Throws digitpad::Error naming `name` when the stream is corrupt or truncated.
QByteArray gunzip(const QByteArray &compressed, const QString &name, qint64 maxOutputBytes);
QByteArray gzip(const QByteArray &raw);

} // namespace digitpad
