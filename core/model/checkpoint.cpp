#include "checkpoint.h"

#include "atomic_file.h"
#include "classifier_impl.h"
#include "error.h"

#include "tensor_file.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtEndian>
#include <zlib.h>

namespace digitpad {

namespace {

constexpr char kMagic[] = "DIGITPAD-MODEL\n"; // 15 bytes + format version byte
constexpr qsizetype kMagicSize = sizeof kMagic - 1;
constexpr char kLegacyVersion = 1; // weights as a LibTorch archive
constexpr char kFormatVersion = 2; // weights as DigitPad's own tensor file
constexpr qint64 kMaxModelBytes = qint64(512) << 20;
constexpr int kLegacyTimeoutMs = 60000;

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
    char version = 0;
    ModelMetadata metadata;
    QByteArray weights;
};

// Version 1: magic, version, u64 metadata size, metadata, u64 weights size, u32 CRC of the
// weights, weights. Version 2: magic, version, u64 metadata size, metadata, u64 weights size,
// weights, u32 CRC of everything after the magic (metadata included).
ParsedFile parse(const QByteArray &bytes, const QString &path) {
    if (bytes.size() < kMagicSize + 1 || !bytes.startsWith(QByteArray(kMagic, kMagicSize)))
        throw Error(QStringLiteral("%1: not a DigitPad model file").arg(path));
    ParsedFile file;
    file.version = bytes[kMagicSize];
    if (file.version != kFormatVersion && file.version != kLegacyVersion)
        throw Error(QStringLiteral("%1: model format version %2, this DigitPad reads versions "
                                   "%3 and %4")
                        .arg(path)
                        .arg(int(file.version))
                        .arg(int(kLegacyVersion))
                        .arg(int(kFormatVersion)));
    const auto truncated = [&] {
        return Error(
            QStringLiteral("%1: truncated model file (%2 bytes)").arg(path).arg(bytes.size()));
    };
    // The layout first, from the two sizes: a short file is truncated, not corrupt.
    const qsizetype sizeField = kMagicSize + 1;
    const qsizetype metadataStart = sizeField + 8;
    const qsizetype trailer = file.version == kFormatVersion ? 4 : 0; // the CRC of the file
    const qsizetype weightsHeader = file.version == kFormatVersion ? 8 : 12;
    // Every fixed field fits, so the room left for the metadata and the weights is never
    // negative and the unsigned comparisons below cannot wrap (a 24-byte file with a huge
    // metadata size once passed them and sent the reader far outside the file).
    if (bytes.size() < metadataStart + weightsHeader + trailer)
        throw truncated();
    const quint64 metadataSize = uint64At(bytes, sizeField);
    if (metadataSize > quint64(bytes.size() - metadataStart - weightsHeader - trailer))
        throw truncated();
    const qsizetype weightsField = metadataStart + qsizetype(metadataSize);
    const quint64 weightsSize = uint64At(bytes, weightsField);
    const qsizetype weightsStart = weightsField + weightsHeader;
    if (weightsSize > quint64(bytes.size() - weightsStart - trailer))
        throw truncated();
    if (weightsSize < quint64(bytes.size() - weightsStart - trailer))
        throw Error(QStringLiteral("%1: unexpected bytes after the model weights").arg(path));
    const qsizetype end = bytes.size() - trailer;
    if (file.version == kFormatVersion
            ? crc(bytes.constData() + kMagicSize, end - kMagicSize) !=
                  qFromBigEndian<quint32>(bytes.constData() + end)
            : crc(bytes.constData() + weightsStart, end - weightsStart) !=
                  qFromBigEndian<quint32>(bytes.constData() + weightsField + 8))
        throw Error(QStringLiteral("%1: corrupt model file (checksum mismatch)").arg(path));
    QJsonParseError jsonError;
    const QJsonDocument json =
        QJsonDocument::fromJson(bytes.mid(metadataStart, qsizetype(metadataSize)), &jsonError);
    if (!json.isObject())
        throw Error(
            QStringLiteral("%1: corrupt model metadata: %2").arg(path, jsonError.errorString()));
    file.metadata = ModelMetadata::fromJson(json.object());
    file.weights = bytes.mid(weightsStart, qsizetype(weightsSize));
    return file;
}

// What the weights are read into: the metadata's network, once the metadata makes sense.
Classifier emptyModel(const ModelMetadata &metadata, const QString &path) {
    if (const QString problem = metadata.problem(); !problem.isEmpty())
        throw Error(QStringLiteral("%1: %2").arg(path, problem));
    try {
        Classifier model = Classifier::create(metadata.architecture, metadata.notDigitClass);
        model.setMetadata(metadata);
        return model;
    } catch (const Error &error) {
        throw Error(QStringLiteral("%1: %2").arg(path, error.message()));
    }
}

// A version-1 file's weights are a LibTorch archive, whose loader can crash on hostile bytes.
// It is read in a child process (digitpad-cli upgrade-model), which hands back a version-2 copy:
// if the archive is hostile, only the child dies.
QString upgraderPath() {
    const QString dir = QCoreApplication::applicationDirPath();
    for (const QString &candidate :
         {qEnvironmentVariable("DIGITPAD_CLI"), dir + QStringLiteral("/digitpad-cli"),
          dir + QStringLiteral("/../bin/digitpad-cli")})
        if (!candidate.isEmpty() && QFileInfo(candidate).isExecutable())
            return candidate;
    return {};
}

Classifier loadLegacyInChildProcess(const QString &path) {
    const QString upgrader = upgraderPath();
    if (upgrader.isEmpty())
        throw Error(QStringLiteral("%1: an old (version 1) model file, and digitpad-cli, which "
                                   "reads those safely, was not found beside this program")
                        .arg(path));
    QTemporaryDir scratch;
    if (!scratch.isValid())
        throw Error(
            QStringLiteral("%1: no temporary folder to upgrade the old model file in").arg(path));
    const QString upgraded = scratch.filePath(QStringLiteral("upgraded.dpmodel"));
    QProcess child;
    child.setProcessChannelMode(QProcess::SeparateChannels);
    child.start(upgrader, {QStringLiteral("upgrade-model"), QStringLiteral("--model"), path,
                           QStringLiteral("--out"), upgraded});
    if (!child.waitForFinished(kLegacyTimeoutMs)) {
        child.kill();
        child.waitForFinished();
        throw Error(QStringLiteral("%1: reading the old model file did not finish").arg(path));
    }
    if (child.exitStatus() != QProcess::NormalExit)
        throw Error(QStringLiteral("%1: corrupt model weights (reading them crashed a helper "
                                   "process, not DigitPad)")
                        .arg(path));
    if (child.exitCode() != 0)
        throw Error(QString::fromLocal8Bit(child.readAllStandardError())
                        .trimmed()
                        .remove(QRegularExpression(QStringLiteral("^digitpad-cli: "))));
    return loadModel(upgraded); // the child kept the metadata as it was
}

} // namespace

void saveModel(const Classifier &model, const QString &path) {
    const QByteArray weights = encodeTensors(*model.impl().net);
    const QByteArray metadata =
        QJsonDocument(model.metadata().toJson()).toJson(QJsonDocument::Indented);
    QByteArray bytes(kMagic, kMagicSize);
    bytes.append(kFormatVersion);
    appendUint64(bytes, quint64(metadata.size()));
    bytes.append(metadata);
    appendUint64(bytes, quint64(weights.size()));
    bytes.append(weights);
    char crcBytes[4];
    qToBigEndian(crc(bytes.constData() + kMagicSize, bytes.size() - kMagicSize), crcBytes);
    bytes.append(crcBytes, 4);
    writeFileAtomically(path, bytes);
}

ModelMetadata readModelMetadata(const QString &path) {
    return parse(readWholeFile(path, kMaxModelBytes), path).metadata;
}

Classifier loadModel(const QString &path) {
    const ParsedFile file = parse(readWholeFile(path, kMaxModelBytes), path);
    if (file.version == kLegacyVersion)
        return loadLegacyInChildProcess(path);
    Classifier model = emptyModel(file.metadata, path);
    try {
        decodeTensorsInto(file.weights, *model.impl().net);
    } catch (const Error &error) {
        throw Error(QStringLiteral("%1: the weights do not fit architecture '%2': %3")
                        .arg(path, file.metadata.architecture, error.message()));
    }
    model.impl().net->eval();
    return model;
}

Classifier loadLegacyModelInThisProcess(const QString &path) {
    const ParsedFile file = parse(readWholeFile(path, kMaxModelBytes), path);
    if (file.version != kLegacyVersion)
        return loadModel(path);
    Classifier model = emptyModel(file.metadata, path);
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
    } catch (const std::exception &error) { // TorchScript's parse errors are not c10::Errors
        throw Error(QStringLiteral("%1: corrupt model weights: %2")
                        .arg(path, QString::fromLocal8Bit(error.what()).section('\n', 0, 0)));
    }
    model.impl().net->eval();
    return model;
}

} // namespace digitpad
