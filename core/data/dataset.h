#pragma once

#include "digit_image.h"

#include <QString>
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace digitpad {

// Labelled 28x28 grey digits, ink bright on black as in MNIST. A plain value: cheap to subset.
struct Dataset {
    QString name;
    std::vector<std::uint8_t> pixels; // size() * kImagePixels
    std::vector<std::uint8_t> labels;

    int size() const { return static_cast<int>(labels.size()); }
    const std::uint8_t *image(int index) const {
        return pixels.data() + std::ptrdiff_t(index) * kImagePixels;
    }
    std::array<int, kClassCount> classCounts() const;
    Dataset subset(const std::vector<int> &indices) const;
    // Short content hash: tells whether two models were trained on the same data.
    QString fingerprint() const;
    void append(const Dataset &other);
};

// Any IDX image/label pair (raw or .gz); the images must be 28x28.
Dataset loadDatasetPair(const QString &imagesPath, const QString &labelsPath);

struct FolderDatasets {
    Dataset train;
    std::optional<Dataset> test; // t10k-* when the folder has the official test files
};

// A folder with the four standard MNIST files, or exactly one *idx3* / *idx1* pair.
FolderDatasets loadDatasetFolder(const QString &folder);

} // namespace digitpad
