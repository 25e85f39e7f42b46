// Seeds for fuzz_model, written at build time rather than kept in the repository (a real model
// is 0.4 to 1 MB): a freshly initialised model of each architecture as saveModel writes it, and
// small files that stop early, so that the fuzzer starts from every stage of the reader.
//   make_model_seeds <folder>

#include "checkpoint.h"
#include "error.h"

#include <QFile>
#include <QtEndian>
#include <cstdio>
#include <zlib.h>

using namespace digitpad;

namespace {

constexpr qsizetype kMagicSize = 15;
constexpr qsizetype kMetadataAt = 24; // after the magic, the version and the metadata size

QByteArray readAll(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw Error(QStringLiteral("%1: cannot read it back").arg(path));
    return file.readAll();
}

void writeAll(const QString &path, const QByteArray &bytes) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        throw Error(QStringLiteral("%1: cannot write it").arg(path));
}

template <typename T> void appendBigEndian(QByteArray &bytes, T value) {
    char buffer[sizeof value];
    qToBigEndian(value, buffer);
    bytes.append(buffer, sizeof value);
}

quint32 crcOf(const char *data, qsizetype size) {
    return quint32(crc32(0L, reinterpret_cast<const Bytef *>(data), uInt(size)));
}

// `model` (a saved format-2 file) with other weights, laid out and checksummed as `version`.
QByteArray withWeights(const QByteArray &model, char version, const QByteArray &weights) {
    const auto metadataSize = qsizetype(qFromBigEndian<quint64>(model.constData() + 16));
    QByteArray bytes = model.left(kMetadataAt + metadataSize);
    bytes[kMagicSize] = version;
    appendBigEndian(bytes, quint64(weights.size()));
    if (version == 1) {
        appendBigEndian(bytes, crcOf(weights.constData(), weights.size()));
        return bytes + weights;
    }
    bytes += weights;
    appendBigEndian(bytes, crcOf(bytes.constData() + kMagicSize, bytes.size() - kMagicSize));
    return bytes;
}

} // namespace

int main(int argc, char **argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_model_seeds <folder>\n");
        return 2;
    }
    const QString folder = QString::fromLocal8Bit(argv[1]);
    try {
        const QString mlp = folder + QStringLiteral("/mlp.dpmodel");
        saveModel(Classifier::create(QStringLiteral("mlp")), mlp);
        saveModel(Classifier::create(QStringLiteral("cnn"), true),
                  folder + QStringLiteral("/cnn-not-a-digit.dpmodel"));
        const QByteArray model = readAll(mlp);
        // The metadata read, then the weights refused at their first field: a small seed that
        // the fuzzer can run many times a second.
        writeAll(folder + QStringLiteral("/mlp-no-tensors.dpmodel"),
                 withWeights(model, 2, QByteArray(4, '\0')));
        // A format-1 file, whose weights (a LibTorch archive) the fuzzer never opens.
        writeAll(folder + QStringLiteral("/mlp-format-1.dpmodel"),
                 withWeights(model, 1, QByteArrayLiteral("PK\x03\x04 archive")));
    } catch (const Error &error) {
        std::fprintf(stderr, "make_model_seeds: %s\n", qPrintable(error.message()));
        return 1;
    }
    return 0;
}
