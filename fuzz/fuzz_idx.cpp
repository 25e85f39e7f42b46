// IDX files, as the training and evaluation data sources read them: the in-memory parsers on the
// bytes, and the file readers, whose gzip path inflates a stream piece by piece and checks the
// header before the data it declares. A digitpad::Error is a refusal, which is what hostile
// bytes should get; a crash, a leak or undefined behaviour is a finding.

#include "error.h"
#include "gzip.h"
#include "idx_file.h"
#include "scratch_file.h"

#include <QtEndian>
#include <cstddef>
#include <cstdint>

namespace {

void parseAsEither(const QByteArray &bytes) {
    const QString name = QStringLiteral("fuzz-idx");
    try {
        digitpad::parseIdxImages(bytes, name);
    } catch (const digitpad::Error &) {
    }
    try {
        digitpad::parseIdxLabels(bytes, name);
    } catch (const digitpad::Error &) {
    }
}

void readAsEither(const QString &path) {
    try {
        digitpad::readIdxImages(path);
    } catch (const digitpad::Error &) {
    }
    try {
        digitpad::readIdxLabels(path);
    } catch (const digitpad::Error &) {
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    static const ScratchFile file(QStringLiteral("idx.gz"));
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    if (digitpad::isGzip(bytes)) {
        // A gzip file as it came: corrupt, truncated, or with bytes after its stream.
        file.write(bytes);
        readAsEither(file.path());
        return 0;
    }
    parseAsEither(bytes);
    // The same bytes compressed: the fuzzer cannot see inside zlib, so changes it makes to a
    // compressed file rarely inflate to a header worth reading. Compressing what it wrote lets
    // every header and length it tries reach the stream reader's own checks. Only the reader its
    // magic names reads the file: the other would stop at the magic, which its parser has just
    // checked, and reading a file costs more than everything else an input does.
    file.write(digitpad::gzip(bytes));
    const bool labels = bytes.size() >= 4 &&
                        qFromBigEndian<quint32>(bytes.constData()) == digitpad::kIdxLabelsMagic;
    try {
        if (labels)
            digitpad::readIdxLabels(file.path());
        else
            digitpad::readIdxImages(file.path());
    } catch (const digitpad::Error &) {
    }
    return 0;
}
