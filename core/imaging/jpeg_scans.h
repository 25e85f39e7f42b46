#pragma once

#include <QIODevice>

namespace digitpad {

// A progressive JPEG is decoded once over the whole picture per scan, so a few hundred kilobytes
// that repeat one scan thousands of times hold a decoder for tens of seconds. Pictures with more
// scans than this are refused before decoding; progressive encoders write about ten.
inline constexpr int kMaxJpegScans = 100;
// The same bound on the work as pixels decoded, summed over the scans, so that a large picture
// gets fewer scans: at the 40-megapixel limit, 25, well above the ten of an honest one.
inline constexpr qint64 kMaxJpegScanPixels = 1'000'000'000;

// The scans a JPEG of `pixels` may have (kMaxJpegScans when its size is unknown).
int jpegScansAllowed(qint64 pixels);

// How many scans (start-of-scan markers) the JPEG stream in `device` holds, read from its
// current position, counting no further than `enough`. Inside a scan's data a 0xFF byte is
// always followed by 0x00 or a restart marker, so every FF DA pair starts a scan.
int jpegScanCount(QIODevice &device, int enough);

} // namespace digitpad
