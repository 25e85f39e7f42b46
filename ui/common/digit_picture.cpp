#include "digit_picture.h"

#include "digit_image.h"

#include <algorithm>

QImage digitPicture(const std::uint8_t *pixels) {
    QImage image(digitpad::kImageSide, digitpad::kImageSide, QImage::Format_Grayscale8);
    for (int y = 0; y < digitpad::kImageSide; ++y)
        std::copy(pixels + std::ptrdiff_t(y) * digitpad::kImageSide,
                  pixels + std::ptrdiff_t(y + 1) * digitpad::kImageSide, image.scanLine(y));
    return image;
}
