#include "personal_samples.h"

#include "error.h"
#include "idx_file.h"
#include "user_folders.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <cmath>

namespace digitpad {

namespace {
QString imagesPath(const QString &folder) {
    return folder + QStringLiteral("/personal-images-idx3-ubyte");
}
QString labelsPath(const QString &folder) {
    return folder + QStringLiteral("/personal-labels-idx1-ubyte");
}
// A change to both files at once is written whole beside them first, images then labels: the
// pending labels file is the commit. Then the pair is written over the store and the pending
// labels removed before the pending images. So a pending labels file always has its images
// beside it, and pending images alone belong to a change that never committed. Neither name
// holds "idx3" or "idx1", so the folder still reads as one IDX pair.
QString pendingImagesPath(const QString &folder) {
    return folder + QStringLiteral("/pending-change-images");
}
QString pendingLabelsPath(const QString &folder) {
    return folder + QStringLiteral("/pending-change-labels");
}

void checkDigit(int digit) {
    if (digit < 0 || digit > 9)
        throw Error(QStringLiteral("%1 is not a digit 0-9").arg(digit));
}

Dataset readPair(const QString &imagesFile, const QString &labelsFile) {
    IdxImages images = readIdxImages(imagesFile);
    if (images.rows != kImageSide || images.columns != kImageSide)
        throw Error(QStringLiteral("%1: personal samples must be %2x%2 pixels, these are %3x%4")
                        .arg(imagesFile)
                        .arg(kImageSide)
                        .arg(images.rows)
                        .arg(images.columns));
    const IdxLabels labels = readIdxLabels(labelsFile);
    for (const std::uint8_t label : labels.labels)
        if (label > 9)
            throw Error(
                QStringLiteral("%1: label %2 is not a digit 0-9").arg(labelsFile).arg(label));
    Dataset samples;
    const int count = std::min<int>(images.count, int(labels.labels.size()));
    samples.pixels.assign(images.pixels.begin(),
                          images.pixels.begin() + std::ptrdiff_t(count) * kImagePixels);
    samples.labels.assign(labels.labels.begin(), labels.labels.begin() + count);
    return samples;
}

void writePair(const QString &imagesFile, const QString &labelsFile, const Dataset &samples) {
    writeIdxImages(imagesFile, IdxImages{samples.size(), kImageSide, kImageSide, samples.pixels});
    writeIdxLabels(labelsFile, IdxLabels{samples.labels});
}

void removeOrThrow(const QString &path) {
    if (QFileInfo::exists(path) && !QFile::remove(path))
        throw Error(QStringLiteral("%1: cannot remove it").arg(path));
}

// A removal that a crash cut short after its commit is finished; one cut short before is
// forgotten (the store still holds every sample).
void finishPendingChange(const QString &folder) {
    if (QFileInfo::exists(pendingLabelsPath(folder))) {
        const Dataset pending = readPair(pendingImagesPath(folder), pendingLabelsPath(folder));
        writePair(imagesPath(folder), labelsPath(folder), pending);
        removeOrThrow(pendingLabelsPath(folder));
    }
    removeOrThrow(pendingImagesPath(folder));
}
} // namespace

QString PersonalSamples::defaultFolder() {
    return userDataFolder() + QStringLiteral("/personal");
}

PersonalSamples::PersonalSamples(const QString &folder) : m_folder(folder) {
    reload();
}

void PersonalSamples::reload() {
    if (QFileInfo::exists(pendingImagesPath(m_folder)))
        finishPendingChange(m_folder);
    Dataset samples;
    if (QFileInfo::exists(imagesPath(m_folder)) && QFileInfo::exists(labelsPath(m_folder)))
        samples = readPair(imagesPath(m_folder), labelsPath(m_folder));
    samples.name = QStringLiteral("personal samples");
    m_samples = std::move(samples);
}

void PersonalSamples::checkIndex(int index) const {
    if (index < 0 || index >= count())
        throw Error(QStringLiteral("%1 has no sample %2: it holds %3")
                        .arg(m_folder)
                        .arg(index)
                        .arg(count()));
}

void PersonalSamples::add(const ModelInput &input, int digit) {
    checkDigit(digit);
    reload();
    Dataset updated = m_samples;
    for (float value : input)
        updated.pixels.push_back(std::uint8_t(std::lround(std::clamp(value, 0.0f, 1.0f) * 255)));
    updated.labels.push_back(std::uint8_t(digit));
    writePair(imagesPath(m_folder), labelsPath(m_folder), updated);
    m_samples = std::move(updated);
}

void PersonalSamples::relabel(int index, int digit) {
    checkDigit(digit);
    reload();
    checkIndex(index);
    Dataset updated = m_samples;
    updated.labels[std::size_t(index)] = std::uint8_t(digit);
    writeIdxLabels(labelsPath(m_folder), IdxLabels{updated.labels});
    m_samples = std::move(updated);
}

void PersonalSamples::remove(int index) {
    reload();
    checkIndex(index);
    Dataset updated = m_samples;
    const auto first = updated.pixels.begin() + std::ptrdiff_t(index) * kImagePixels;
    updated.pixels.erase(first, first + kImagePixels);
    updated.labels.erase(updated.labels.begin() + index);
    writePair(pendingImagesPath(m_folder), pendingLabelsPath(m_folder), updated);
    finishPendingChange(m_folder);
    m_samples = std::move(updated);
}

} // namespace digitpad
