#pragma once

#include <QByteArray>
#include <QString>

namespace digitpad {

bool isGzip(const QByteArray &bytes);

QByteArray gzip(const QByteArray &raw);

// Inflates a gzip stream piece by piece, so that a reader can check a header before deciding
// how much more to inflate, and stop at once: the memory used is what the caller asks for.
class GzipStream {
  public:
    GzipStream(const QByteArray &compressed, const QString &name);
    ~GzipStream();
    GzipStream(const GzipStream &) = delete;
    GzipStream &operator=(const GzipStream &) = delete;

    // Exactly `size` more bytes; throws digitpad::Error when the stream ends first or is corrupt.
    QByteArray read(qsizetype size, const char *what);
    // Everything left, at most `limit` bytes; throws digitpad::Error when there is more, or the
    // stream is corrupt or truncated.
    QByteArray readRest(qsizetype limit, const char *what);
    // Throws unless the stream ends here: no more inflated bytes, no bytes after the stream.
    void expectEnd();

  private:
    qsizetype inflateInto(char *out, qsizetype size);

    struct State;
    State *m_state;
    QString m_name;
    bool m_ended = false;
};

} // namespace digitpad
