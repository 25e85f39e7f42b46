// Pictures, as the prediction server and the CLI read them: decodeImage (whichever of Qt's
// decoders claims the bytes: PNG, BMP, JPEG, GIF, ICO, PBM/PGM/PPM, XBM, XPM), then what
// readPicture does before the model sees anything: segmentDigits, and the MNIST preprocessing of
// the whole picture, of every segment and of every slice one may be cut into. The decoder runs
// under a time budget: an input it spends longer on is reported as a crash, since a decode that
// costs far more than its pixels (a JPEG repeating one scan, say) holds a server's worker.

#include "digit_segmentation.h"
#include "error.h"
#include "preprocess.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QImageReader>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <vector>

namespace {

// The server allows 40 megapixels; pictures whose header claims more than this are skipped, so
// that every input stays fast. (Qt's allocation limit cannot do it: it is one for the process,
// and decodeImage sets it to the server's.)
constexpr qint64 kFuzzedPixels = 500'000;
// CPU time the decoder may take on one such picture, sanitizers and all: many times what any
// honest picture of that size costs.
constexpr double kDecodeBudgetSeconds = 2.0;

bool claimsMorePixels(const QByteArray &bytes) {
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    const QSize size = QImageReader(&buffer).size(); // the header only
    return size.isValid() && qint64(size.width()) * size.height() > kFuzzedPixels;
}

// The decoded picture, or a null one when the bytes are refused; aborts (a crash to libFuzzer,
// which keeps the input) when decoding overran its budget.
QImage decodeWithinBudget(const QByteArray &bytes) {
    const std::clock_t start = std::clock();
    QImage picture;
    try {
        picture = digitpad::decodeImage(bytes, QStringLiteral("fuzz-image"));
    } catch (const digitpad::Error &) {
    }
    const double seconds = double(std::clock() - start) / CLOCKS_PER_SEC;
    if (seconds > kDecodeBudgetSeconds) {
        std::fprintf(stderr, "decoding %lld bytes took %.2f s of CPU, over its %.2f s budget\n",
                     static_cast<long long>(bytes.size()), seconds, kDecodeBudgetSeconds);
        std::abort();
    }
    return picture;
}

void preprocess(const QImage &image) {
    try {
        digitpad::preprocessWithPlacement(image);
    } catch (const digitpad::Error &) { // no ink
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
    // The image plugins (JPEG, GIF, ICO) are found through the application, as in the server,
    // which is a QCoreApplication too. It lives as long as the process does.
    static int argc = 1;
    static char program[] = "fuzz_image";
    static char *argv[] = {program, nullptr};
    new QCoreApplication(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    if (claimsMorePixels(bytes))
        return 0;
    const QImage picture = decodeWithinBudget(bytes);
    if (picture.isNull())
        return 0;
    preprocess(picture);
    std::vector<digitpad::DigitSegment> segments;
    try {
        segments = digitpad::segmentDigits(picture);
    } catch (const digitpad::Error &) {
        return 0;
    }
    for (const digitpad::DigitSegment &segment : segments) {
        preprocess(segment.image);
        for (const digitpad::CutLattice::Slice &slice : segment.cuts.slices)
            preprocess(slice.ink.image);
    }
    return 0;
}
