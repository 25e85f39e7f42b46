#pragma once

#include <QImage>

namespace digitpad {

// Large pictures (photos, scans) are reduced before preprocessing, so that a 20-megapixel photo
// costs about what a canvas does. Pictures above 1.44 megapixels are cut into blocks of at least
// 4x4 pixels, each becoming its most ink-like pixel among samples on the block's diagonal, every
// third pixel or every third of the block if that is more (4 pixels in a 20-megapixel photo), so
// that strokes that wide survive where plain subsampling would drop or dot them, without reading
// every pixel. The most ink-like is the darkest sample, or the brightest when the blocks say the
// ink is lighter than its paper (chalk on a board), whatever the lighting across the picture.
struct ReducedPicture {
    QImage image;   // the picture itself when it is small enough
    int stride = 1; // source pixels per reduced pixel, along each axis
};

constexpr qint64 kReducedPicturePixels = 160'000; // a 400x400 canvas

ReducedPicture reduceLargePicture(const QImage &image);

} // namespace digitpad
