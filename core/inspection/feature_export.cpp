#include "feature_space.h"

#include "atomic_file.h"
#include "feature_table_check.h"

#include <QtEndian>

namespace digitpad {

namespace {

// NumPy's format 1.0 (numpy.lib.format): magic, version, a little-endian uint16 header length,
// then a Python dict literal padded with spaces and ended by '\n' so that the data starts at a
// multiple of 64 bytes, then the array in C order.
QByteArray npyHeader(const char *type, const QByteArray &shape) {
    QByteArray dictionary = QByteArrayLiteral("{'descr': '") + type +
                            QByteArrayLiteral("', 'fortran_order': False, 'shape': ") + shape +
                            QByteArrayLiteral(", }");
    constexpr qsizetype kPrefix = 10; // magic (6), version (2), header length (2)
    const qsizetype unpadded = kPrefix + dictionary.size() + 1;
    dictionary.append((64 - unpadded % 64) % 64, ' ');
    dictionary.append('\n');
    QByteArray header("\x93NUMPY\x01\x00", 8);
    char length[2];
    qToLittleEndian<quint16>(quint16(dictionary.size()), length);
    header.append(length, 2);
    return header + dictionary;
}

} // namespace

QStringList exportFeatures(const FeatureTable &table, const QString &stem) {
    requireConsistent(table);
    QByteArray features = npyHeader(
        "<f4", QStringLiteral("(%1, %2)").arg(table.count).arg(table.dimensions).toLatin1());
    const qsizetype headerSize = features.size();
    features.resize(headerSize + qsizetype(table.values.size() * sizeof(float)));
    qToLittleEndian<float>(table.values.data(), qsizetype(table.values.size()),
                           features.data() + headerSize);

    QByteArray labels = npyHeader("|u1", QStringLiteral("(%1,)").arg(table.count).toLatin1());
    labels.append(reinterpret_cast<const char *>(table.labels.data()),
                  qsizetype(table.labels.size()));

    QStringList paths = {stem + QStringLiteral("-features.npy"),
                         stem + QStringLiteral("-labels.npy")};
    writeFileAtomically(paths[0], features);
    writeFileAtomically(paths[1], labels);
    return paths;
}

} // namespace digitpad
