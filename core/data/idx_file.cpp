#include "idx_file.h"

#include "atomic_file.h"
#include "error.h"
#include "gzip.h"

namespace digitpad {

namespace {

constexpr qint64 kMaxIdxBytes = qint64(2) << 30; // 2 GiB, far above full MNIST (47 MB)
constexpr std::uint32_t kMaxSide = 4096;
constexpr qsizetype kImagesHeader = 16;
constexpr qsizetype kLabelsHeader = 8;

std::uint32_t readBigEndian32(const QByteArray &bytes, qsizetype offset) {
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.constData()) + offset;
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) |
           std::uint32_t(p[3]);
}

void appendBigEndian32(QByteArray &bytes, std::uint32_t value) {
    for (int shift = 24; shift >= 0; shift -= 8)
        bytes.append(static_cast<char>((value >> shift) & 0xff));
}

// The magic first: a foreign file is best described as foreign, whatever its length.
void checkMagic(const QByteArray &bytes, const QString &name, std::uint32_t expectedMagic) {
    if (bytes.size() >= 4) {
        const std::uint32_t magic = readBigEndian32(bytes, 0);
        if (magic != expectedMagic) {
            const QString kind = expectedMagic == kIdxImagesMagic ? QStringLiteral("an image file")
                                                                  : QStringLiteral("a label file");
            throw Error(QStringLiteral("%1: expected magic %2 (%3), found %4")
                            .arg(name)
                            .arg(expectedMagic)
                            .arg(kind)
                            .arg(magic));
        }
    }
}

void checkHeader(const QByteArray &bytes, const QString &name, std::uint32_t expectedMagic,
                 qsizetype headerSize) {
    checkMagic(bytes, name, expectedMagic);
    if (bytes.size() < headerSize)
        throw Error(QStringLiteral("%1: only %2 bytes, shorter than the %3-byte IDX header")
                        .arg(name)
                        .arg(bytes.size())
                        .arg(headerSize));
}

void checkPayloadLength(const QByteArray &bytes, const QString &name, qsizetype headerSize,
                        qint64 expectedPayload) {
    const qint64 actual = bytes.size() - headerSize;
    if (actual < expectedPayload)
        throw Error(QStringLiteral("%1: truncated: the header promises %2 bytes of data, "
                                   "the file has %3")
                        .arg(name)
                        .arg(expectedPayload)
                        .arg(actual));
    if (actual > expectedPayload)
        throw Error(QStringLiteral("%1: %2 unexpected bytes after the %3 bytes of data")
                        .arg(name)
                        .arg(actual - expectedPayload)
                        .arg(expectedPayload));
}

// The data size an image file's header declares, after checking the header makes sense.
qint64 imagesPayload(const QByteArray &bytes, const QString &name) {
    checkHeader(bytes, name, kIdxImagesMagic, kImagesHeader);
    const std::uint32_t count = readBigEndian32(bytes, 4);
    const std::uint32_t rows = readBigEndian32(bytes, 8);
    const std::uint32_t columns = readBigEndian32(bytes, 12);
    if (rows == 0 || columns == 0 || rows > kMaxSide || columns > kMaxSide)
        throw Error(QStringLiteral("%1: absurd image size %2x%3 (each side must be 1..%4)")
                        .arg(name)
                        .arg(rows)
                        .arg(columns)
                        .arg(kMaxSide));
    if (count == 0)
        throw Error(QStringLiteral("%1: the header says it holds no images").arg(name));
    const qint64 payload = qint64(count) * rows * columns;
    if (payload > kMaxIdxBytes)
        throw Error(QStringLiteral("%1: absurd header: %2 images of %3x%4 would be %5 GB")
                        .arg(name)
                        .arg(count)
                        .arg(rows)
                        .arg(columns)
                        .arg(payload >> 30));
    return payload;
}

qint64 labelsPayload(const QByteArray &bytes, const QString &name) {
    checkHeader(bytes, name, kIdxLabelsMagic, kLabelsHeader);
    const std::uint32_t count = readBigEndian32(bytes, 4);
    if (count == 0)
        throw Error(QStringLiteral("%1: the header says it holds no labels").arg(name));
    return count;
}

// A file's IDX bytes. A gzipped one is inflated as a stream: the magic and the header first,
// checked, then exactly the data the header declares, stopping at once on more; so a small
// file that would inflate to gigabytes costs no more than the data it claims to hold.
QByteArray loadIdxBytes(const QString &path, std::uint32_t magic, qsizetype headerSize,
                        qint64 (*payloadOf)(const QByteArray &, const QString &)) {
    QByteArray file = readWholeFile(path, kMaxIdxBytes);
    if (!isGzip(file))
        return file;
    GzipStream stream(file, path);
    QByteArray bytes = stream.read(4, "the magic number");
    checkMagic(bytes, path, magic);
    bytes += stream.read(headerSize - 4, "the IDX header");
    const qint64 payload = payloadOf(bytes, path);
    // Deflate cannot compress better than about 1032:1.
    if (payload / 1032 > file.size())
        throw Error(QStringLiteral("%1: the header declares %2 bytes of data, more than a "
                                   "%3-byte gzip file can hold")
                        .arg(path)
                        .arg(payload)
                        .arg(file.size()));
    bytes += stream.read(qsizetype(payload), "the data the header declares");
    stream.expectEnd();
    return bytes;
}

} // namespace

IdxImages parseIdxImages(const QByteArray &bytes, const QString &name) {
    const qint64 payload = imagesPayload(bytes, name);
    checkPayloadLength(bytes, name, kImagesHeader, payload);

    IdxImages images;
    images.count = static_cast<int>(readBigEndian32(bytes, 4));
    images.rows = static_cast<int>(readBigEndian32(bytes, 8));
    images.columns = static_cast<int>(readBigEndian32(bytes, 12));
    const auto *data = reinterpret_cast<const std::uint8_t *>(bytes.constData()) + kImagesHeader;
    images.pixels.assign(data, data + payload);
    return images;
}

IdxLabels parseIdxLabels(const QByteArray &bytes, const QString &name) {
    const auto count = std::uint32_t(labelsPayload(bytes, name));
    checkPayloadLength(bytes, name, kLabelsHeader, count);

    IdxLabels labels;
    const auto *data = reinterpret_cast<const std::uint8_t *>(bytes.constData()) + kLabelsHeader;
    labels.labels.assign(data, data + count);
    for (std::uint32_t i = 0; i < count; ++i)
        if (labels.labels[i] > 9)
            throw Error(QStringLiteral("%1: label %2 at index %3 is not a digit 0-9")
                            .arg(name)
                            .arg(labels.labels[i])
                            .arg(i));
    return labels;
}

IdxImages readIdxImages(const QString &path) {
    return parseIdxImages(loadIdxBytes(path, kIdxImagesMagic, kImagesHeader, imagesPayload), path);
}

IdxLabels readIdxLabels(const QString &path) {
    return parseIdxLabels(loadIdxBytes(path, kIdxLabelsMagic, kLabelsHeader, labelsPayload), path);
}

QByteArray serializeIdxImages(const IdxImages &images) {
    QByteArray bytes;
    bytes.reserve(16 + static_cast<qsizetype>(images.pixels.size()));
    appendBigEndian32(bytes, kIdxImagesMagic);
    appendBigEndian32(bytes, static_cast<std::uint32_t>(images.count));
    appendBigEndian32(bytes, static_cast<std::uint32_t>(images.rows));
    appendBigEndian32(bytes, static_cast<std::uint32_t>(images.columns));
    bytes.append(reinterpret_cast<const char *>(images.pixels.data()),
                 static_cast<qsizetype>(images.pixels.size()));
    return bytes;
}

QByteArray serializeIdxLabels(const IdxLabels &labels) {
    QByteArray bytes;
    appendBigEndian32(bytes, kIdxLabelsMagic);
    appendBigEndian32(bytes, static_cast<std::uint32_t>(labels.labels.size()));
    bytes.append(reinterpret_cast<const char *>(labels.labels.data()),
                 static_cast<qsizetype>(labels.labels.size()));
    return bytes;
}

namespace {
void writeMaybeCompressed(const QString &path, const QByteArray &raw) {
    writeFileAtomically(path, path.endsWith(QLatin1String(".gz")) ? gzip(raw) : raw);
}
} // namespace

void writeIdxImages(const QString &path, const IdxImages &images) {
    writeMaybeCompressed(path, serializeIdxImages(images));
}

void writeIdxLabels(const QString &path, const IdxLabels &labels) {
    writeMaybeCompressed(path, serializeIdxLabels(labels));
}

} // namespace digitpad
