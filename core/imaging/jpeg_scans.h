#pragma once

#include <QIODevice>

namespace digitpad {

// A progressive JPEG is decoded once over the whole picture per scan, so a few hundred kilobytes
// that repeat one scan thousands of times hold a decoder for tens of seconds. Pictures with more
// scans than this are refused before decoding; progressive encoders write about ten.
inline constexpr int kMaxJpegScans = 100;

// How many scans (start-of-scan markers) the JPEG stream in `device` holds, read from its
// current position, counting no further than `enough`. Inside a scan's data a 0xFF byte is
// always followed by 0x00 or a restart marker, so every FF DA pair starts a scan.
int jpegScanCount(QIODevice &device, int enough);

} // namespace digitpad
