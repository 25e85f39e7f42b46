#include "gzip.h"

#include "error.h"

#include <zlib.h>

namespace digitpad {

bool isGzip(const QByteArray &bytes) {
    return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
           static_cast<unsigned char>(bytes[1]) == 0x8b;
}

QByteArray gunzip(const QByteArray &compressed, const QString &name, qint64 maxOutputBytes) {
    z_stream stream{};
    // 16 + MAX_WBITS: expect a gzip header rather than a bare zlib stream.
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
        throw Error(QStringLiteral("%1: cannot initialise gzip decompression").arg(name));
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(compressed.constData()));
    stream.avail_in = static_cast<uInt>(compressed.size());

    QByteArray output;
    char chunk[1 << 16];
    int status = Z_OK;
    while (status != Z_STREAM_END) {
        stream.next_out = reinterpret_cast<Bytef *>(chunk);
        stream.avail_out = sizeof chunk;
        status = inflate(&stream, Z_NO_FLUSH);
        if (status != Z_OK && status != Z_STREAM_END) {
            inflateEnd(&stream);
            const QString reason = status == Z_BUF_ERROR
                                       ? QStringLiteral("the gzip stream is truncated")
                                       : QStringLiteral("the gzip stream is corrupt");
            throw Error(QStringLiteral("%1: %2").arg(name, reason));
        }
        output.append(chunk, static_cast<qsizetype>(sizeof chunk - stream.avail_out));
        if (output.size() > maxOutputBytes) {
            inflateEnd(&stream);
            throw Error(QStringLiteral("%1: decompresses to more than %2 MB, refusing")
                            .arg(name)
                            .arg(maxOutputBytes / (1024 * 1024)));
        }
    }
    inflateEnd(&stream);
    return output;
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
