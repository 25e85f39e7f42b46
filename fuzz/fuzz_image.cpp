// Pictures, as the prediction server and the CLI read them: decodeImage (whichever of Qt's
// decoders claims the bytes: PNG, BMP, JPEG, GIF, ICO, PBM/PGM/PPM, XBM, XPM), then what
// readPicture does before the model sees anything: segmentDigits, and the MNIST preprocessing of
// the whole picture, of every segment and of every way to cut one.

#include "digit_segmentation.h"
#include "error.h"
#include "preprocess.h"

#include <QCoreApplication>
#include <QImageReader>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace {

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
    // Qt refuses pictures above this before it allocates them. The server allows 40 megapixels;
    // here about half a megapixel keeps every input fast, through the same code.
    QImageReader::setAllocationLimit(2); // MB
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    QImage picture;
    try {
        picture = digitpad::decodeImage(bytes, QStringLiteral("fuzz-image"));
    } catch (const digitpad::Error &) {
        return 0;
    }
    preprocess(picture);
    std::vector<digitpad::DigitSegment> segments;
    try {
        segments = digitpad::segmentDigits(picture);
    } catch (const digitpad::Error &) {
        return 0;
    }
    for (const digitpad::DigitSegment &segment : segments) {
        preprocess(segment.image);
        for (const std::vector<digitpad::DigitSegment> &cut : segment.cuts)
            for (const digitpad::DigitSegment &part : cut)
                preprocess(part.image);
    }
    return 0;
}
