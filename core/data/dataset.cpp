#include "dataset.h"

#include "error.h"
#include "idx_file.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>

namespace digitpad {

std::array<int, kClassCount> Dataset::classCounts() const {
    std::array<int, kClassCount> counts{};
    for (std::uint8_t label : labels)
        ++counts[label];
    return counts;
}

Dataset Dataset::subset(const std::vector<int> &indices) const {
    Dataset result;
    result.name = name;
    result.pixels.reserve(indices.size() * kImagePixels);
    result.labels.reserve(indices.size());
    for (int index : indices) {
        result.pixels.insert(result.pixels.end(), image(index), image(index) + kImagePixels);
        result.labels.push_back(labels[index]);
    }
    return result;
}

QString Dataset::fingerprint() const {
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArrayView(reinterpret_cast<const char *>(pixels.data()),
                                static_cast<qsizetype>(pixels.size())));
    hash.addData(QByteArrayView(reinterpret_cast<const char *>(labels.data()),
                                static_cast<qsizetype>(labels.size())));
    return QString::fromLatin1(hash.result().toHex().left(16));
}

void Dataset::append(const Dataset &other) {
    pixels.insert(pixels.end(), other.pixels.begin(), other.pixels.end());
    labels.insert(labels.end(), other.labels.begin(), other.labels.end());
}

namespace {

Dataset combine(IdxImages images, IdxLabels labels, const QString &imagesName,
                const QString &labelsName, const QString &datasetName) {
    if (images.rows != kImageSide || images.columns != kImageSide)
        throw Error(QStringLiteral("%1: images are %2x%3, DigitPad models need 28x28")
                        .arg(imagesName)
                        .arg(images.rows)
                        .arg(images.columns));
    if (static_cast<std::size_t>(images.count) != labels.labels.size())
        throw Error(QStringLiteral("%1 holds %2 images but %3 holds %4 labels")
                        .arg(imagesName)
                        .arg(images.count)
                        .arg(labelsName)
                        .arg(labels.labels.size()));
    Dataset dataset;
    dataset.name = datasetName;
    dataset.pixels = std::move(images.pixels);
    dataset.labels = std::move(labels.labels);
    return dataset;
}

QString findOne(const QDir &dir, const QStringList &patterns) {
    const QStringList matches = dir.entryList(patterns, QDir::Files, QDir::Name);
    return matches.isEmpty() ? QString() : dir.filePath(matches.first());
}

} // namespace

Dataset loadDatasetPair(const QString &imagesPath, const QString &labelsPath) {
    // Images first, so that a bad pair is reported in the order the user named the files.
    IdxImages images = readIdxImages(imagesPath);
    IdxLabels labels = readIdxLabels(labelsPath);
    return combine(std::move(images), std::move(labels), imagesPath, labelsPath,
                   QFileInfo(imagesPath).dir().dirName());
}

FolderDatasets loadDatasetFolder(const QString &folder) {
    const QDir dir(folder);
    if (!dir.exists())
        throw Error(QStringLiteral("%1: no such folder").arg(folder));
    FolderDatasets result;
    const QString trainImages = findOne(dir, {QStringLiteral("train-images*idx3*")});
    const QString trainLabels = findOne(dir, {QStringLiteral("train-labels*idx1*")});
    if (!trainImages.isEmpty() && !trainLabels.isEmpty()) {
        result.train = loadDatasetPair(trainImages, trainLabels);
        const QString testImages = findOne(dir, {QStringLiteral("t10k-images*idx3*")});
        const QString testLabels = findOne(dir, {QStringLiteral("t10k-labels*idx1*")});
        if (!testImages.isEmpty() && !testLabels.isEmpty())
            result.test = loadDatasetPair(testImages, testLabels);
        return result;
    }
    const QStringList images = dir.entryList({QStringLiteral("*idx3*")}, QDir::Files);
    const QStringList labels = dir.entryList({QStringLiteral("*idx1*")}, QDir::Files);
    if (images.size() != 1 || labels.size() != 1)
        throw Error(QStringLiteral("%1: expected train-images/train-labels IDX files, or exactly "
                                   "one *idx3* and one *idx1* file; found %2 and %3")
                        .arg(folder)
                        .arg(images.size())
                        .arg(labels.size()));
    result.train = loadDatasetPair(dir.filePath(images.first()), dir.filePath(labels.first()));
    return result;
}

} // namespace digitpad
