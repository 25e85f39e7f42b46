#include "jpeg_scans.h"

#include <QByteArray>
#include <algorithm>

namespace digitpad {

int jpegScansAllowed(qint64 pixels) {
    if (pixels <= 0)
        return kMaxJpegScans;
    return int(std::clamp<qint64>(kMaxJpegScanPixels / pixels, 1, kMaxJpegScans));
}

int jpegScanCount(QIODevice &device, int enough) {
    constexpr qint64 kChunk = 1 << 16;
    constexpr char kMarker = char(0xFF), kStartOfScan = char(0xDA);
    int scans = 0;
    char previous = 0;
    while (scans < enough) {
        const QByteArray chunk = device.read(kChunk);
        if (chunk.isEmpty())
            break;
        for (const char byte : chunk) {
            scans += previous == kMarker && byte == kStartOfScan;
            previous = byte;
        }
    }
    return std::min(scans, enough);
}

} // namespace digitpad
