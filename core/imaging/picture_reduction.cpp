#include "picture_reduction.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace digitpad {

namespace {
int luminance(QRgb pixel) { // 0..255 * 1000, integer for speed
    return 299 * qRed(pixel) + 587 * qGreen(pixel) + 114 * qBlue(pixel);
}

// Reads pixels fast for the formats decoders produce, and correctly for any other.
class PixelReader {
  public:
    explicit PixelReader(const QImage &image)
        : m_image(image), m_direct(image.format() == QImage::Format_RGB32 ||
                                   image.format() == QImage::Format_ARGB32 ||
                                   image.format() == QImage::Format_ARGB32_Premultiplied),
          m_grey(image.format() == QImage::Format_Grayscale8) {}
    QRgb at(int x, int y) const {
        if (m_direct)
            return reinterpret_cast<const QRgb *>(m_image.constScanLine(y))[x];
        if (m_grey) {
            const int v = m_image.constScanLine(y)[x];
            return qRgb(v, v, v);
        }
        return m_image.pixel(x, y);
    }

  private:
    const QImage &m_image;
    bool m_direct;
    bool m_grey;
};

// What the paper looks like: the median luminance and alpha of samples along the border.
struct Paper {
    int luminance = 0;
    bool transparent = false;
};

Paper paperOf(const PixelReader &pixels, int width, int height) {
    std::vector<int> luminances, alphas;
    const int step = std::max(1, (width + height) / 2000);
    const auto sample = [&](int x, int y) {
        const QRgb pixel = pixels.at(x, y);
        luminances.push_back(luminance(pixel));
        alphas.push_back(qAlpha(pixel));
    };
    for (int x = 0; x < width; x += step) {
        sample(x, 0);
        sample(x, height - 1);
    }
    for (int y = 0; y < height; y += step) {
        sample(0, y);
        sample(width - 1, y);
    }
    const auto median = [](std::vector<int> &values) {
        std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
        return values[values.size() / 2];
    };
    return {median(luminances), median(alphas) < 128};
}
} // namespace

ReducedPicture reduceLargePicture(const QImage &image) {
    const qint64 pixels = qint64(image.width()) * image.height();
    const int stride = int(std::ceil(std::sqrt(double(pixels) / double(kReducedPicturePixels))));
    // Up to 3x3 blocks (1.44 megapixels), the picture is read whole: reducing it would save
    // little and blur what the preprocessing's anti-aliasing filter does better.
    if (stride <= 3)
        return {image, 1};
    const int width = image.width(), height = image.height();
    const PixelReader source(image);
    const Paper paper = paperOf(source, width, height);
    // How ink-like a pixel is: its alpha on a transparent sheet, else how far it is from the
    // paper's luminance (dark ink on light paper and the reverse alike).
    const auto inkiness = [&paper](QRgb pixel) {
        return paper.transparent ? qAlpha(pixel) * 1000
                                 : std::abs(luminance(pixel) - paper.luminance);
    };
    // Samples every third pixel along one diagonal of each block, the main diagonal and the
    // anti-diagonal in alternate blocks like a checkerboard: sampled rows and columns are three
    // apart, so a stroke three pixels wide crosses samples along its way whatever its direction.
    const int step = std::min(3, stride);
    QImage reduced((width + stride - 1) / stride, (height + stride - 1) / stride,
                   QImage::Format_ARGB32);
    for (int by = 0; by < reduced.height(); ++by) {
        auto *row = reinterpret_cast<QRgb *>(reduced.scanLine(by));
        const int top = by * stride;
        const int rows = std::min(stride, height - top);
        for (int bx = 0; bx < reduced.width(); ++bx) {
            const int left = bx * stride;
            const int columns = std::min(stride, width - left);
            QRgb chosen = source.at(left, top);
            int best = inkiness(chosen);
            const bool mainDiagonal = (bx + by) % 2 == 0;
            for (int k = 0; k < rows; k += step) {
                const int offset = mainDiagonal ? k : stride - 1 - k;
                const QRgb pixel = source.at(left + std::min(offset, columns - 1), top + k);
                const int score = inkiness(pixel);
                if (score > best) {
                    best = score;
                    chosen = pixel;
                }
            }
            row[bx] = chosen;
        }
    }
    return {reduced, stride};
}

} // namespace digitpad
