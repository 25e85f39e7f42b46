#pragma once
// For tests of the decoding budget: a JPEG that is cheap to send and slow to read.

#include <QBuffer>
#include <QByteArray>
#include <QImage>
#include <QImageWriter>

namespace digitpad::testing {

// A blank progressive JPEG whose last scan is repeated until it holds `scans`: each scan decodes
// the whole picture again, so it is slow to read, yet a few kilobytes.
inline QByteArray progressiveJpeg(int side, int scans) {
    QImage blank(side, side, QImage::Format_Grayscale8);
    blank.fill(255);
    QByteArray jpeg;
    QBuffer buffer(&jpeg);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "jpeg");
    writer.setProgressiveScanWrite(true);
    writer.write(blank);
    const QByteArray startOfScan("\xff\xda", 2), endOfImage("\xff\xd9", 2);
    const qsizetype lastScan = jpeg.lastIndexOf(startOfScan), end = jpeg.lastIndexOf(endOfImage);
    QByteArray repeated = jpeg.left(end);
    for (qsizetype have = jpeg.count(startOfScan); have < scans; ++have)
        repeated += jpeg.mid(lastScan, end - lastScan);
    return repeated + endOfImage;
}

} // namespace digitpad::testing
