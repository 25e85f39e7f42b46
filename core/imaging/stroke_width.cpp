#include "stroke_width.h"

namespace digitpad {

namespace {
template <typename Pixel>
double strokeWidthOf(const Pixel *ink, int width, int height, Pixel halfInk, double fullInk) {
    double total = 0.0;
    long outline = 0;
    const auto inked = [&](int x, int y) {
        return x >= 0 && y >= 0 && x < width && y < height && ink[long(y) * width + x] >= halfInk;
    };
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            total += ink[long(y) * width + x];
            if (inked(x, y))
                outline +=
                    !inked(x - 1, y) + !inked(x + 1, y) + !inked(x, y - 1) + !inked(x, y + 1);
        }
    return outline > 0 ? total / fullInk / (double(outline) / 2.0) : 0.0;
}
} // namespace

double strokeWidth(const float *ink, int width, int height) {
    return strokeWidthOf<float>(ink, width, height, 0.5f, 1.0);
}

double strokeWidth(const std::uint8_t *ink, int width, int height) {
    return strokeWidthOf<std::uint8_t>(ink, width, height, 128, 255.0);
}

} // namespace digitpad
