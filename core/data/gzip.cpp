#include "gzip.h"

#include "error.h"

#include <algorithm>
#include <zlib.h>

namespace digitpad {

bool isGzip(const QByteArray &bytes) {
    return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
           static_cast<unsigned char>(bytes[1]) == 0x8b;
}

struct GzipStream::State {
    z_stream stream{};
    const QByteArray &compressed;
};

GzipStream::GzipStream(const QByteArray &compressed, const QString &name)
    : m_state(new State{{}, compressed}), m_name(name) {
    // 16 + MAX_WBITS: expect a gzip header rather than a bare zlib stream.
    if (inflateInit2(&m_state->stream, 16 + MAX_WBITS) != Z_OK) {
        delete m_state;
        throw Error(QStringLiteral("%1: cannot initialise gzip decompression").arg(name));
    }
    m_state->stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(compressed.constData()));
    m_state->stream.avail_in = static_cast<uInt>(compressed.size());
}

GzipStream::~GzipStream() {
    inflateEnd(&m_state->stream);
    delete m_state;
}

qsizetype GzipStream::inflateInto(char *out, qsizetype size) {
    z_stream &stream = m_state->stream;
    qsizetype produced = 0;
    while (produced < size && !m_ended) {
        const qsizetype chunk = std::min<qsizetype>(size - produced, qsizetype(1) << 30);
        stream.next_out = reinterpret_cast<Bytef *>(out + produced);
        stream.avail_out = static_cast<uInt>(chunk);
        const int status = inflate(&stream, Z_NO_FLUSH);
        produced += chunk - qsizetype(stream.avail_out);
        if (status == Z_STREAM_END) {
            m_ended = true;
        } else if (status != Z_OK) {
            throw Error(QStringLiteral("%1: %2").arg(
                m_name, status == Z_BUF_ERROR ? QStringLiteral("the gzip stream is truncated")
                                              : QStringLiteral("the gzip stream is corrupt")));
        }
    }
    return produced;
}

QByteArray GzipStream::read(qsizetype size, const char *what) {
    QByteArray bytes(size, Qt::Uninitialized);
    const qsizetype produced = inflateInto(bytes.data(), size);
    if (produced < size)
        throw Error(QStringLiteral("%1: truncated: the data ends inside %2 (%3 of %4 bytes)")
                        .arg(m_name, QLatin1String(what))
                        .arg(produced)
                        .arg(size));
    return bytes;
}

QByteArray GzipStream::readRest(qsizetype limit, const char *what) {
    QByteArray bytes;
    qsizetype produced = 0;
    while (!m_ended) {
        if (produced > limit)
            throw Error(QStringLiteral("%1: %2 is larger than %3 MB")
                            .arg(m_name, QLatin1String(what))
                            .arg(limit >> 20));
        bytes.resize(std::min(limit + 1, std::max<qsizetype>(produced * 2, 1 << 20)));
        produced += inflateInto(bytes.data() + produced, bytes.size() - produced);
    }
    if (produced > limit)
        throw Error(QStringLiteral("%1: %2 is larger than %3 MB")
                        .arg(m_name, QLatin1String(what))
                        .arg(limit >> 20));
    bytes.resize(produced);
    expectEnd();
    return bytes;
}

void GzipStream::expectEnd() {
    char extra = 0;
    if (inflateInto(&extra, 1) > 0)
        throw Error(QStringLiteral("%1: more data than the header declares").arg(m_name));
    if (!m_ended) // the stream's own end marker and checksum are missing
        throw Error(QStringLiteral("%1: the gzip stream is truncated").arg(m_name));
    if (m_state->stream.avail_in > 0)
        throw Error(QStringLiteral("%1: %2 unexpected bytes after the gzip stream")
                        .arg(m_name)
                        .arg(m_state->stream.avail_in));
}

QByteArray gzip(const QByteArray &raw) {
    z_stream stream{};
    deflateInit2(&stream, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    QByteArray output(static_cast<qsizetype>(deflateBound(&stream, raw.size())), Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(raw.constData()));
    stream.avail_in = static_cast<uInt>(raw.size());
    stream.next_out = reinterpret_cast<Bytef *>(output.data());
    stream.avail_out = static_cast<uInt>(output.size());
    deflate(&stream, Z_FINISH);
    output.resize(static_cast<qsizetype>(stream.total_out));
    deflateEnd(&stream);
    return output;
}

} // namespace digitpad
