#include "mnist.h"

#include "bundled_data.h"
#include "error.h"

#include <QDir>
#include <QFileInfo>

namespace digitpad {

namespace {
Dataset loadOfficialPair(const QString &prefix, const QString &name, int expectedCount) {
    const QDir dir(mnistDirectory());
    const QString images = dir.filePath(prefix + QStringLiteral("-images-idx3-ubyte.gz"));
    const QString labels = dir.filePath(prefix + QStringLiteral("-labels-idx1-ubyte.gz"));
    if (!QFileInfo::exists(images) || !QFileInfo::exists(labels))
        throw Error(QStringLiteral("%1: the MNIST files are missing (run scripts/setup.sh, or set "
                                   "DIGITPAD_MNIST_DIR to a folder with the four MNIST files)")
                        .arg(dir.path()));
    Dataset dataset = loadDatasetPair(images, labels);
    if (dataset.size() != expectedCount)
        throw Error(QStringLiteral("%1: expected %2 digits, found %3")
                        .arg(images)
                        .arg(expectedCount)
                        .arg(dataset.size()));
    dataset.name = name;
    return dataset;
}
} // namespace

QString mnistDirectory() {
    const QString fromEnvironment = qEnvironmentVariable("DIGITPAD_MNIST_DIR");
    return fromEnvironment.isEmpty() ? bundledDataPath(QStringLiteral("mnist")) : fromEnvironment;
}

Dataset loadMnistTraining() {
    return loadOfficialPair(QStringLiteral("train"), QStringLiteral("MNIST training set"), 60000);
}

Dataset loadMnistTest() {
    return loadOfficialPair(QStringLiteral("t10k"), QStringLiteral("MNIST test set"), 10000);
}

QString mnistTrainingFingerprint() {
    return QStringLiteral("edc0d1098aa497be");
}

QString mnistTestFingerprint() {
    return QStringLiteral("c3f9adf9c66efb57");
}

std::vector<WriterGroup> writerGroupsOf(const Dataset &dataset) {
    if (dataset.size() != 10000 || dataset.fingerprint() != mnistTestFingerprint())
        return {};
    WriterGroup census{QStringLiteral("Census Bureau employees (NIST SD-3, test digits 1-5,000)"),
                       {}};
    WriterGroup students{
        QStringLiteral("high-school students (NIST SD-1, test digits 5,001-10,000)"), {}};
    for (int i = 0; i < dataset.size(); ++i)
        (i < 5000 ? census : students).members.push_back(i);
    return {census, students};
}

} // namespace digitpad
