// Model files (.dpmodel), as every program that opens a model reads them: loadModel, then one
// prediction, since a file that loads must give a model that predicts. The seeds are real
// models, written at build time by make_model_seeds (they are 0.4 to 1 MB each).

#include "checkpoint.h"
#include "error.h"
#include "scratch_file.h"

#include <QtEndian>
#include <cstddef>
#include <cstdint>
#include <zlib.h>

namespace {

// The layout checkpoint.cpp writes: a 15-byte magic, a version byte, the metadata size (u64,
// big-endian), the metadata, the weights size (u64). Format 2 then has the weights and a CRC-32
// of everything after the magic; format 1 a CRC-32 of the weights, then the weights.
const QByteArray kMagic = QByteArrayLiteral("DIGITPAD-MODEL\n");
constexpr qsizetype kVersionAt = 15;
constexpr qsizetype kMetadataAt = 24;

quint32 crcOf(const QByteArray &bytes, qsizetype from, qsizetype to) {
    return quint32(
        crc32(0L, reinterpret_cast<const Bytef *>(bytes.constData() + from), uInt(to - from)));
}

bool isFormatOne(const QByteArray &bytes) {
    return bytes.size() > kVersionAt && bytes.startsWith(kMagic) && bytes[kVersionAt] == 1;
}

// The input with its checksum recomputed where its layout puts one. A mutation almost never
// leaves a CRC-32 matching, so without this nearly every input would stop at "checksum mismatch"
// and the metadata and weights parsers behind it would go unfuzzed. (The mismatch itself is
// covered by test_checkpoint.) Inputs too short to hold a checksum are left for the parser.
QByteArray resealed(QByteArray bytes) {
    if (!bytes.startsWith(kMagic) || bytes.size() < kMetadataAt)
        return bytes;
    if (!isFormatOne(bytes)) {
        qToBigEndian(crcOf(bytes, kMagic.size(), bytes.size() - 4),
                     bytes.data() + bytes.size() - 4);
        return bytes;
    }
    // Format 1: the weights size and the CRC (12 bytes) follow the metadata.
    const quint64 metadataSize = qFromBigEndian<quint64>(bytes.constData() + kVersionAt + 1);
    if (bytes.size() < kMetadataAt + 12 || metadataSize > quint64(bytes.size() - kMetadataAt - 12))
        return bytes;
    const qsizetype crcAt = kMetadataAt + qsizetype(metadataSize) + 8;
    qToBigEndian(crcOf(bytes, crcAt + 4, bytes.size()), bytes.data() + crcAt);
    return bytes;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    static const ScratchFile file(QStringLiteral("model.dpmodel"));
    const QByteArray bytes =
        resealed(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    file.write(bytes);
    try {
        if (isFormatOne(bytes)) {
            // loadModel hands a format-1 file to a child process (digitpad-cli upgrade-model),
            // because LibTorch's archive loader it needs is not safe on hostile bytes. A fuzzer
            // must not start processes, so of format 1 only what is read in this process is
            // fuzzed: the layout, the checksum and the metadata.
            digitpad::readModelMetadata(file.path());
        } else {
            const digitpad::Classifier model = digitpad::loadModel(file.path());
            model.predict(digitpad::ModelInput{}).toJson();
        }
    } catch (const digitpad::Error &) {
    }
    return 0;
}
