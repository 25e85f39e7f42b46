#include "picture_reduction.h"

#include <algorithm>
#include <cmath>
#include <system_error>
#include <thread>
#include <vector>

namespace digitpad {

namespace {
int luminance(QRgb pixel) { // 0..255 * 1000, integer for speed
    return 299 * qRed(pixel) + 587 * qGreen(pixel) + 114 * qBlue(pixel);
}

// Reads pixels fast for the formats decoders produce, and correctly for any other. A row is
// looked up once and then read along, which is what keeps a 20-megapixel photo cheap.
class PixelReader {
  public:
    explicit PixelReader(const QImage &image)
        : m_image(image), m_bits(image.constBits()), m_bytesPerLine(image.bytesPerLine()),
          m_direct(image.format() == QImage::Format_RGB32 ||
                   image.format() == QImage::Format_ARGB32 ||
                   image.format() == QImage::Format_ARGB32_Premultiplied),
          m_grey(image.format() == QImage::Format_Grayscale8) {}
    const uchar *line(int y) const { return m_bits + std::ptrdiff_t(y) * m_bytesPerLine; }
    QRgb at(const uchar *line, int x, int y) const {
        if (m_direct)
            return reinterpret_cast<const QRgb *>(line)[x];
        if (m_grey)
            return qRgb(line[x], line[x], line[x]);
        return m_image.pixel(x, y);
    }
    QRgb at(int x, int y) const { return at(line(y), x, y); }

  private:
    const QImage &m_image;
    const uchar *m_bits;
    qsizetype m_bytesPerLine;
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

// Block rows of the picture into rows of the reduced one. Each block becomes its most ink-like
// sample; samples lie along one diagonal of the block, the main diagonal and the anti-diagonal
// in alternate blocks like a checkerboard, every third pixel or every third of the block if that
// is more: a stroke that wide crosses samples along its way whatever its direction. Sampling a
// third of a 12-pixel block's rows instead of every third row reads a quarter less memory,
// which is what a 20-megapixel photo's reading waits on.
class BlockReduction {
  public:
    BlockReduction(const QImage &image, int stride, QImage &reduced)
        : m_source(image), m_paper(paperOf(m_source, image.width(), image.height())),
          m_stride(stride), m_step(std::max(3, stride / 3)), m_width(image.width()),
          m_height(image.height()), m_blocksAcross(reduced.width()), m_bits(reduced.bits()),
          m_bytesPerLine(reduced.bytesPerLine()) {}

    void reduceRows(int first, int last) const {
        std::vector<int> best(static_cast<std::size_t>(m_blocksAcross));
        for (int by = first; by < last; ++by) {
            auto *chosen = reinterpret_cast<QRgb *>(m_bits + std::ptrdiff_t(by) * m_bytesPerLine);
            std::fill(best.begin(), best.end(), -1);
            const int top = by * m_stride;
            const int rows = std::min(m_stride, m_height - top);
            // Row by row: the k-th sample of every block of the block row lies on row top + k.
            for (int k = 0; k < rows; k += m_step) {
                const uchar *line = m_source.line(top + k);
                for (int bx = 0; bx < m_blocksAcross; ++bx) {
                    const int offset = (bx + by) % 2 == 0 ? k : m_stride - 1 - k;
                    const QRgb pixel =
                        m_source.at(line, std::min(bx * m_stride + offset, m_width - 1), top + k);
                    const int score = inkiness(pixel);
                    if (score > best[std::size_t(bx)]) {
                        best[std::size_t(bx)] = score;
                        chosen[bx] = pixel;
                    }
                }
            }
        }
    }

  private:
    // Its alpha on a transparent sheet, else how far it is from the paper's luminance (dark ink
    // on light paper and the reverse alike).
    int inkiness(QRgb pixel) const {
        return m_paper.transparent ? qAlpha(pixel) * 1000
                                   : std::abs(luminance(pixel) - m_paper.luminance);
    }

    PixelReader m_source;
    Paper m_paper;
    int m_stride, m_step, m_width, m_height, m_blocksAcross;
    uchar *m_bits;
    qsizetype m_bytesPerLine;
};
} // namespace

ReducedPicture reduceLargePicture(const QImage &image) {
    const qint64 pixels = qint64(image.width()) * image.height();
    const int stride = int(std::ceil(std::sqrt(double(pixels) / double(kReducedPicturePixels))));
    // Up to 3x3 blocks (1.44 megapixels), the picture is read whole: reducing it would save
    // little and blur what the preprocessing's anti-aliasing filter does better.
    if (stride <= 3)
        return {image, 1};
    QImage reduced((image.width() + stride - 1) / stride, (image.height() + stride - 1) / stride,
                   QImage::Format_ARGB32);
    const BlockReduction reduction(image, stride, reduced);
    // Reading a 20-megapixel photo is bound by memory bandwidth, which a second core nearly
    // doubles: the lower half of the block rows is read on another thread.
    // A process out of threads (a server at its limits) reads it all on this one.
    const int half = reduced.height() / 2;
    std::thread lower;
    try {
        if (std::thread::hardware_concurrency() > 1)
            lower = std::thread(
                [&reduction, half, &reduced] { reduction.reduceRows(half, reduced.height()); });
    } catch (const std::system_error &) {
    }
    reduction.reduceRows(0, lower.joinable() ? half : reduced.height());
    if (lower.joinable())
        lower.join();
    return {reduced, stride};
}

} // namespace digitpad
