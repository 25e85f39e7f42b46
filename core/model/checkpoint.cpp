#include "checkpoint.h"

#include "atomic_file.h"
#include "classifier_impl.h"
#include "error.h"

#include <QJsonDocument>
#include <QtEndian>
#include <sstream>
#include <zlib.h>

namespace digitpad {

namespace {

constexpr char kMagic[] = "DIGITPAD-MODEL\n"; // 15 bytes + format version byte
constexpr qsizetype kMagicSize = sizeof kMagic - 1;
constexpr char kFormatVersion = 1;
constexpr qint64 kMaxModelBytes = qint64(512) << 20;

void appendUint64(QByteArray &bytes, quint64 value) {
    char buffer[8];
    qToBigEndian(value, buffer);
    bytes.append(buffer, 8);
}

quint64 uint64At(const QByteArray &bytes, qsizetype offset) {
    return qFromBigEndian<quint64>(bytes.constData() + offset);
}

quint32 crc(const char *data, qsizetype size) {
    return static_cast<quint32>(
        crc32(0L, reinterpret_cast<const Bytef *>(data), static_cast<uInt>(size)));
}

struct ParsedFile {
    ModelMetadata metadata;
    QByteArray weights;
};

ParsedFile parse(const QByteArray &bytes, const QString &path) {
    if (bytes.size() < kMagicSize + 1 || !bytes.startsWith(QByteArray(kMagic, kMagicSize)))
        throw Error(QStringLiteral("%1: not a DigitPad model file").arg(path));
    if (bytes[kMagicSize] != kFormatVersion)
        throw Error(QStringLiteral("%1: model format version %2, this DigitPad reads version %3")
                        .arg(path)
                        .arg(int(bytes[kMagicSize]))
                        .arg(int(kFormatVersion)));
    qsizetype offset = kMagicSize + 1;
    const auto truncated = [&] {
        return Error(
            QStringLiteral("%1: truncated model file (%2 bytes)").arg(path).arg(bytes.size()));
    };
    if (bytes.size() < offset + 8)
        throw truncated();
    const quint64 metadataSize = uint64At(bytes, offset);
    offset += 8;
    if (metadataSize > quint64(bytes.size() - offset))
        throw truncated();
    QJsonParseError jsonError;
    const QJsonDocument json =
        QJsonDocument::fromJson(bytes.mid(offset, qsizetype(metadataSize)), &jsonError);
    if (!json.isObject())
        throw Error(
            QStringLiteral("%1: corrupt model metadata: %2").arg(path, jsonError.errorString()));
    offset += qsizetype(metadataSize);
    if (bytes.size() < offset + 12)
        throw truncated();
    const quint64 weightsSize = uint64At(bytes, offset);
    const quint32 expectedCrc = qFromBigEndian<quint32>(bytes.constData() + offset + 8);
    offset += 12;
    if (weightsSize != quint64(bytes.size() - offset)) {
        if (weightsSize > quint64(bytes.size() - offset))
            throw truncated();
        throw Error(QStringLiteral("%1: unexpected bytes after the model weights").arg(path));
    }
    if (crc(bytes.constData() + offset, qsizetype(weightsSize)) != expectedCrc)
        throw Error(QStringLiteral("%1: corrupt model weights (checksum mismatch)").arg(path));
    return {ModelMetadata::fromJson(json.object()), bytes.mid(offset)};
}

} // namespace

void saveModel(const Classifier &model, const QString &path) {
    std::ostringstream stream;
    torch::serialize::OutputArchive archive;
    model.impl().net->save(archive);
    archive.save_to(stream);
    const std::string weights = stream.str();

    const QByteArray metadata =
        QJsonDocument(model.metadata().toJson()).toJson(QJsonDocument::Indented);
    QByteArray bytes(kMagic, kMagicSize);
    bytes.append(kFormatVersion);
    appendUint64(bytes, quint64(metadata.size()));
    bytes.append(metadata);
    appendUint64(bytes, quint64(weights.size()));
    char crcBytes[4];
    qToBigEndian(crc(weights.data(), qsizetype(weights.size())), crcBytes);
    bytes.append(crcBytes, 4);
    bytes.append(weights.data(), qsizetype(weights.size()));
    writeFileAtomically(path, bytes);
}

ModelMetadata readModelMetadata(const QString &path) {
    return parse(readWholeFile(path, kMaxModelBytes), path).metadata;
}

Classifier loadModel(const QString &path) {
    const ParsedFile file = parse(readWholeFile(path, kMaxModelBytes), path);
    Classifier model;
    try {
        if (!(file.metadata.notDigitThreshold > 0.0 && file.metadata.notDigitThreshold <= 1.0))
            throw Error(QStringLiteral("the not-a-digit threshold %1 is outside (0, 1]")
                            .arg(file.metadata.notDigitThreshold));
        model = Classifier::create(file.metadata.architecture, file.metadata.notDigitClass);
    } catch (const Error &error) {
        throw Error(QStringLiteral("%1: %2").arg(path, error.message()));
    }
    model.setMetadata(file.metadata);
    try {
        torch::serialize::InputArchive archive;
        archive.load_from(file.weights.constData(), std::size_t(file.weights.size()),
                          model.impl().device);
        model.impl().net->load(archive);
    } catch (const c10::Error &error) {
        throw Error(
            QStringLiteral("%1: the weights do not fit architecture '%2': %3")
                .arg(path, file.metadata.architecture,
                     QString::fromStdString(error.what_without_backtrace()).section('\n', 0, 0)));
    }
    model.impl().net->eval();
    return model;
}

} // namespace digitpad
