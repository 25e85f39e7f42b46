#include "feature_space.h"

#include "atomic_file.h"
#include "error.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QtEndian>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>
#include <zlib.h>

namespace digitpad {

// A cache file: kMagic, then little-endian uint32 version, count, dimensions and the CRC-32 of
// the rest; then count x dimensions float32 values, count labels and count predicted digits.
// It is only ever trusted after every field has been checked against the file and the data set.
namespace {

constexpr char kMagic[8] = {'D', 'P', 'F', 'E', 'A', 'T', 'S', '\n'};
constexpr quint32 kVersion = 1;
constexpr qint64 kHeaderSize = sizeof kMagic + 4 * sizeof(quint32);
// A penultimate layer wider than this is no network of ours: a header claiming it is damaged.
constexpr quint32 kMaxDimensions = 65536;

qint64 payloadSize(qint64 count, qint64 dimensions) {
    return count * dimensions * qint64(sizeof(float)) + 2 * count;
}

quint32 checksum(const char *data, qint64 size) {
    return quint32(crc32_z(0L, reinterpret_cast<const Bytef *>(data), std::size_t(size)));
}

// Empty when the model file cannot be read: then nothing is cached.
QString modelKey(const QString &modelPath) {
    if (modelPath.isEmpty())
        return {};
    QFile file(modelPath);
    QCryptographicHash hash(QCryptographicHash::Sha1);
    if (!file.open(QIODevice::ReadOnly) || !hash.addData(&file))
        return {};
    return QString::fromLatin1(hash.result().toHex());
}

QByteArray encode(const FeatureTable &table) {
    const qint64 payload = payloadSize(table.count, table.dimensions);
    QByteArray bytes(kHeaderSize + payload, Qt::Uninitialized);
    char *out = bytes.data();
    std::memcpy(out, kMagic, sizeof kMagic);
    char *body = out + kHeaderSize;
    qToLittleEndian<float>(table.values.data(), qsizetype(table.values.size()), body);
    char *labels = body + table.values.size() * sizeof(float);
    std::memcpy(labels, table.labels.data(), table.labels.size());
    std::memcpy(labels + table.count, table.predicted.data(), table.predicted.size());
    const quint32 fields[] = {kVersion, quint32(table.count), quint32(table.dimensions),
                              checksum(body, payload)};
    qToLittleEndian<quint32>(fields, 4, out + sizeof kMagic);
    return bytes;
}

// The cached table of `data`, or nothing when the file is missing, foreign, truncated, corrupt
// or of other digits.
std::optional<FeatureTable> readCache(const QString &path, const Dataset &data) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray header = file.read(kHeaderSize);
    if (header.size() != kHeaderSize || std::memcmp(header.constData(), kMagic, sizeof kMagic) != 0)
        return std::nullopt;
    quint32 fields[4];
    qFromLittleEndian<quint32>(header.constData() + sizeof kMagic, 4, fields);
    const auto [version, count, dimensions, expectedChecksum] = fields;
    if (version != kVersion || qint64(count) != data.size() || dimensions == 0 ||
        dimensions > kMaxDimensions)
        return std::nullopt;
    const qint64 payload = payloadSize(count, dimensions);
    if (file.size() != kHeaderSize + payload)
        return std::nullopt;
    const QByteArray body = file.read(payload);
    if (body.size() != payload || checksum(body.constData(), payload) != expectedChecksum)
        return std::nullopt;

    FeatureTable table;
    table.count = int(count);
    table.dimensions = int(dimensions);
    table.values.resize(std::size_t(count) * dimensions);
    qFromLittleEndian<float>(body.constData(), qsizetype(table.values.size()), table.values.data());
    const auto *labels = reinterpret_cast<const std::uint8_t *>(body.constData()) +
                         table.values.size() * sizeof(float);
    table.labels.assign(labels, labels + count);
    table.predicted.assign(labels + count, labels + 2 * std::size_t(count));
    const bool valid = table.labels == data.labels &&
                       std::all_of(table.predicted.begin(), table.predicted.end(),
                                   [](std::uint8_t digit) { return digit < kClassCount; }) &&
                       std::all_of(table.values.begin(), table.values.end(),
                                   [](float value) { return std::isfinite(value); });
    return valid ? std::optional(std::move(table)) : std::nullopt;
}

} // namespace

FeatureTable cachedFeatures(const Classifier &model, const QString &modelPath, const Dataset &data,
                            const QString &cacheFolder, const FeatureProgress &progress) {
    const QString key = modelKey(modelPath);
    if (key.isEmpty() || cacheFolder.isEmpty())
        return computeFeatures(model, data, progress);
    const QString path =
        QDir(cacheFolder).filePath(QStringLiteral("%1-%2.features").arg(key, data.fingerprint()));
    if (std::optional<FeatureTable> cached = readCache(path, data))
        return std::move(*cached);
    FeatureTable table = computeFeatures(model, data, progress);
    try {
        writeFileAtomically(path, encode(table));
    } catch (const Error &error) {
        // The table is what the caller needs; a cache that cannot be kept only costs the
        // computation again next time.
        qWarning("feature cache not kept: %s", qPrintable(error.message()));
    }
    return table;
}

} // namespace digitpad
