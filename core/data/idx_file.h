#pragma once

#include <QByteArray>
#include <QString>
#include <cstdint>
#include <vector>

namespace digitpad {

// IDX is MNIST's container: a big-endian magic (0x0000 0x08 ndims), one uint32 per dimension,
// then unsigned bytes. Files may be gzip-compressed (.gz), detected by content, not name.
struct IdxImages {
    int count = 0;
    int rows = 0;
    int columns = 0;
    std::vector<std::uint8_t> pixels; // count * rows * columns, row-major
};

struct IdxLabels {
    std::vector<std::uint8_t> labels;
};

constexpr std::uint32_t kIdxImagesMagic = 2051; // unsigned byte, 3 dimensions
constexpr std::uint32_t kIdxLabelsMagic = 2049; // unsigned byte, 1 dimension

// Both readers throw digitpad::Error naming the file and the fault: missing file, bad gzip,
// wrong magic, absurd dimensions, a length that disagrees with the header, labels above 9.
IdxImages readIdxImages(const QString &path);
IdxLabels readIdxLabels(const QString &path);

// Parse from bytes already in memory; `name` is used in error messages.
IdxImages parseIdxImages(const QByteArray &bytes, const QString &name);
IdxLabels parseIdxLabels(const QByteArray &bytes, const QString &name);

// Writers are atomic (temporary file + rename); a path ending in .gz is gzip-compressed.
void writeIdxImages(const QString &path, const IdxImages &images);
void writeIdxLabels(const QString &path, const IdxLabels &labels);

QByteArray serializeIdxImages(const IdxImages &images);
QByteArray serializeIdxLabels(const IdxLabels &labels);

} // namespace digitpad
