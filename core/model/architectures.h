#pragma once

#include <QString>
#include <QStringList>

namespace digitpad {

// What the UI and the CLI may know of a network: its name and sensible training defaults.
// The networks themselves, and the one table that lists them, live in networks.cpp.
struct ArchitectureInfo {
    QString name;
    QString description;
    int defaultEpochs = 10;
    int defaultBatchSize = 64;
    double defaultLearningRate = 1e-3;
};

const QList<ArchitectureInfo> &architectures();
const ArchitectureInfo *findArchitecture(const QString &name);
QStringList architectureNames();

} // namespace digitpad
