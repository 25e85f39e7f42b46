#include "picture_reduction.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <system_error>
#include <thread>
#include <vector>

namespace digitpad {

namespace {
int milliLuminance(QRgb pixel) { // 0..255 * 1000, integer for speed
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

// Whether the sheet is transparent: the median alpha of samples along the border.
bool isTransparentSheet(const PixelReader &pixels, int width, int height) {
    std::vector<int> alphas;
    const int step = std::max(1, (width + height) / 2000);
    for (int x = 0; x < width; x += step) {
        alphas.push_back(qAlpha(pixels.at(x, 0)));
        alphas.push_back(qAlpha(pixels.at(x, height - 1)));
    }
    for (int y = 0; y < height; y += step) {
        alphas.push_back(qAlpha(pixels.at(0, y)));
        alphas.push_back(qAlpha(pixels.at(width - 1, y)));
    }
    std::nth_element(alphas.begin(), alphas.begin() + alphas.size() / 2, alphas.end());
    return alphas[alphas.size() / 2] < 128;
}

// Block rows of the picture into rows of the reduced one. Each block becomes its most ink-like
// sample; samples lie along one diagonal of the block, the main diagonal and the anti-diagonal
// in alternate blocks like a checkerboard, every third pixel or every third of the block if that
// is more: a stroke that wide crosses samples along its way whatever its direction. Sampling a
// third of a 12-pixel block's rows instead of every third row reads a quarter less memory,
// which is what a 20-megapixel photo's reading waits on.
// Which samples are ink is decided once the whole picture is read: each block keeps its darkest
// and its brightest sample, and the ink is whichever of the two is more often the odd one out,
// far from the block's mean while the rest sit together. Shading (a lamp's hot spot, a dark
// corner) changes little within a block, so it does not sway that vote, where comparing with
// the border's paper would take a lit patch for ink and keep its paper instead of the strokes.
class BlockReduction {
  public:
    BlockReduction(const QImage &image, int stride, QSize reducedSize)
        : m_source(image),
          m_transparent(isTransparentSheet(m_source, image.width(), image.height())),
          m_stride(stride), m_step(std::max(3, stride / 3)), m_width(image.width()),
          m_height(image.height()), m_blocksAcross(reducedSize.width()),
          m_darkest(reducedSize, QImage::Format_ARGB32),
          m_brightest(reducedSize, QImage::Format_ARGB32),
          // Taken once here: bits() detaches, which two threads must not both do.
          m_darkBits(m_darkest.bits()), m_brightBits(m_brightest.bits()),
          m_bytesPerLine(m_darkest.bytesPerLine()) {}

    // Reads block rows [first, last); returns their vote, positive for dark ink.
    qint64 reduceRows(int first, int last) const {
        const std::size_t across = std::size_t(m_blocksAcross);
        std::vector<int> darkest(across), brightest(across);
        std::vector<qint64> sum(across);
        std::vector<int> count(across);
        qint64 vote = 0;
        for (int by = first; by < last; ++by) {
            auto *dark = reinterpret_cast<QRgb *>(m_darkBits + std::ptrdiff_t(by) * m_bytesPerLine);
            auto *bright =
                reinterpret_cast<QRgb *>(m_brightBits + std::ptrdiff_t(by) * m_bytesPerLine);
            std::fill(darkest.begin(), darkest.end(), INT_MAX);
            std::fill(brightest.begin(), brightest.end(), -1);
            std::fill(sum.begin(), sum.end(), 0);
            std::fill(count.begin(), count.end(), 0);
            const int top = by * m_stride;
            const int rows = std::min(m_stride, m_height - top);
            // Row by row: the k-th sample of every block of the block row lies on row top + k.
            for (int k = 0; k < rows; k += m_step) {
                const uchar *line = m_source.line(top + k);
                for (int bx = 0; bx < m_blocksAcross; ++bx) {
                    const int offset = (bx + by) % 2 == 0 ? k : m_stride - 1 - k;
                    const QRgb pixel =
                        m_source.at(line, std::min(bx * m_stride + offset, m_width - 1), top + k);
                    // On a transparent sheet the ink is the opacity: the most opaque sample.
                    const int value =
                        m_transparent ? (255 - qAlpha(pixel)) * 1000 : milliLuminance(pixel);
                    const std::size_t at = std::size_t(bx);
                    if (value < darkest[at]) {
                        darkest[at] = value;
                        dark[bx] = pixel;
                    }
                    if (value > brightest[at]) {
                        brightest[at] = value;
                        bright[bx] = pixel;
                    }
                    sum[at] += value;
                    ++count[at];
                }
            }
            for (std::size_t at = 0; at < across; ++at)
                vote += 2 * sum[at] - qint64(count[at]) * (darkest[at] + brightest[at]);
        }
        return vote;
    }

    // The reduced picture, once every block row is read and their votes summed.
    QImage reduced(qint64 vote) const {
        return m_transparent || vote >= 0 ? m_darkest : m_brightest;
    }

  private:
    PixelReader m_source;
    bool m_transparent;
    int m_stride, m_step, m_width, m_height, m_blocksAcross;
    QImage m_darkest, m_brightest;
    uchar *m_darkBits, *m_brightBits;
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
    const QSize reducedSize((image.width() + stride - 1) / stride,
                            (image.height() + stride - 1) / stride);
    BlockReduction reduction(image, stride, reducedSize);
    // Reading a 20-megapixel photo is bound by memory bandwidth, which a second core nearly
    // doubles: the lower half of the block rows is read on another thread.
    // A process out of threads (a server at its limits) reads it all on this one.
    const int half = reducedSize.height() / 2;
    qint64 lowerVote = 0;
    std::thread lower;
    try {
        if (std::thread::hardware_concurrency() > 1)
            lower = std::thread([&reduction, half, &reducedSize, &lowerVote] {
                lowerVote = reduction.reduceRows(half, reducedSize.height());
            });
    } catch (const std::system_error &) {
    }
    const qint64 upperVote =
        reduction.reduceRows(0, lower.joinable() ? half : reducedSize.height());
    if (lower.joinable())
        lower.join();
    return {reduction.reduced(upperVote + lowerVote), stride};
}

} // namespace digitpad
