#include "personal_samples.h"

#include "error.h"
#include "idx_file.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <cmath>

namespace digitpad {

namespace {
QString imagesPath(const QString &folder) {
    return folder + QStringLiteral("/personal-images-idx3-ubyte");
}
QString labelsPath(const QString &folder) {
    return folder + QStringLiteral("/personal-labels-idx1-ubyte");
}
} // namespace

QString PersonalSamples::defaultFolder() {
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/digitpad/personal");
}

PersonalSamples::PersonalSamples(const QString &folder) : m_folder(folder) {
    m_samples.name = QStringLiteral("personal samples");
    if (!QFileInfo::exists(imagesPath(folder)) || !QFileInfo::exists(labelsPath(folder)))
        return;
    IdxImages images = readIdxImages(imagesPath(folder));
    if (images.rows != kImageSide || images.columns != kImageSide)
        throw Error(QStringLiteral("%1: personal samples must be %2x%2 pixels, these are %3x%4")
                        .arg(imagesPath(folder))
                        .arg(kImageSide)
                        .arg(images.rows)
                        .arg(images.columns));
    const IdxLabels labels = readIdxLabels(labelsPath(folder));
    for (const std::uint8_t label : labels.labels)
        if (label > 9)
            throw Error(QStringLiteral("%1: label %2 is not a digit 0-9")
                            .arg(labelsPath(folder))
                            .arg(label));
    const int count = std::min<int>(images.count, int(labels.labels.size()));
    m_samples.pixels.assign(images.pixels.begin(),
                            images.pixels.begin() + std::ptrdiff_t(count) * kImagePixels);
    m_samples.labels.assign(labels.labels.begin(), labels.labels.begin() + count);
}

void PersonalSamples::add(const ModelInput &input, int digit) {
    if (digit < 0 || digit > 9)
        throw Error(QStringLiteral("%1 is not a digit 0-9").arg(digit));
    Dataset updated = m_samples;
    for (float value : input)
        updated.pixels.push_back(std::uint8_t(std::lround(std::clamp(value, 0.0f, 1.0f) * 255)));
    updated.labels.push_back(std::uint8_t(digit));

    IdxImages images{updated.size(), kImageSide, kImageSide, updated.pixels};
    writeIdxImages(imagesPath(m_folder), images);
    writeIdxLabels(labelsPath(m_folder), IdxLabels{updated.labels});
    m_samples = std::move(updated);
}

} // namespace digitpad
