#pragma once

#include "digit_image.h"
#include "ink_map.h"

#include <QImage>
#include <QRectF>
#include <QString>
#include <optional>

namespace digitpad {

// The MNIST recipe's frame: the ink's longer side is scaled to kDigitBox pixels of the 28, and
// its centre of mass placed at kMassCentre (pixel-index coordinates; the mean over 10,000 MNIST
// digits). Strokes thinner than kThinStroke pixels of the box (strokeWidth(); MNIST's 10th
// percentile) are thickened first.
inline constexpr int kDigitBox = 20;
inline constexpr double kMassCentre = 14.0;
inline constexpr double kThinStroke = 1.4;

// The MNIST recipe for any picture of one digit: find the ink (dark on light or light on dark,
// colour, grey or alpha), crop to its bounding box, scale the longer side to 20 px keeping the
// aspect ratio with an anti-aliasing filter, and place it in 28x28 with its centre of mass in the
// middle. Throws digitpad::Error when the image holds no ink.
ModelInput preprocessImage(const QImage &image);

struct PreprocessedImage {
    ModelInput input;
    QRectF inkBounds;    // the ink's bounding box in the source image
    QRectF placedBounds; // where that box landed in the 28x28 input
    // Maps a point of the 28x28 input back onto the source image (for heatmap overlays).
    QPointF toSource(QPointF inputPoint) const {
        return inkBounds.topLeft() + QPointF((inputPoint.x() - placedBounds.left()) *
                                                 inkBounds.width() / placedBounds.width(),
                                             (inputPoint.y() - placedBounds.top()) *
                                                 inkBounds.height() / placedBounds.height());
    }
};
// `coverage`: how much of a photographed picture its ink may cover (ink_map.h).
PreprocessedImage preprocessWithPlacement(const QImage &image,
                                          InkCoverage coverage = InkCoverage::Sparse);
// The same for ink already found: extractInk() of the picture reduced `stride` times
// (picture_reduction.h), so that a reading that found it once does not find it again.
PreprocessedImage preprocessFoundInk(const InkMap &ink, int stride);

// A picture that is already a network input: 28x28 pixels, opaque, holding one figure framed as
// MNIST frames a digit (its ink's longer side, once specks of noise are filtered out, about
// kDigitBox pixels). Such a picture is read as it is, only turned to light ink on dark and
// stretched so that its paper is black and its strongest stroke white: framing it again would
// frame the noise of a grainy or speckled picture rather than its digit, and would not
// reproduce MNIST's own pixels. Nothing for any other picture.
std::optional<PreprocessedImage> asFramedInput(const QImage &image);

// Reads an image file, refusing files that are not images and pictures too large to decode
// safely (decompression bombs). Throws digitpad::Error naming the file.
QImage loadImageFile(const QString &path);
QImage decodeImage(const QByteArray &bytes, const QString &name);

// The 28x28 input as a greyscale picture, ink white on black like MNIST.
QImage modelInputToImage(const ModelInput &input);

constexpr qint64 kMaxImagePixels = 40'000'000;
// Throws digitpad::Error for an empty picture or one above kMaxImagePixels: every reading of a
// picture starts here.
void checkPictureSize(const QImage &image);

} // namespace digitpad
