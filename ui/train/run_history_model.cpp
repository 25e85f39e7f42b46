#include "run_history_model.h"

#include <QDate>
#include <QFont>
#include <QLocale>
#include <cmath>

namespace {
QString duration(double seconds) {
    const int whole = int(std::lround(seconds));
    return whole >= 60 ? QStringLiteral("%1 min %2 s")
                             .arg(whole / 60)
                             .arg(whole % 60, 2, 10, QLatin1Char('0'))
                       : QStringLiteral("%1 s").arg(whole);
}

bool isFineTuned(const digitpad::SavedModel &run) {
    return !run.metadata.parentModel.isEmpty();
}
} // namespace

void RunHistoryModel::setRuns(std::vector<digitpad::SavedModel> runs) {
    beginResetModel();
    m_runs = std::move(runs);
    endResetModel();
}

void RunHistoryModel::setCurrentPath(const QString &path) {
    if (path == m_currentPath)
        return;
    m_currentPath = path;
    if (!m_runs.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::FontRole});
}

QString RunHistoryModel::pathAt(int row) const {
    return row >= 0 && row < rowCount() ? m_runs[std::size_t(row)].path : QString();
}

std::vector<digitpad::SavedModel> RunHistoryModel::comparedRuns() const {
    std::vector<digitpad::SavedModel> compared;
    for (const digitpad::SavedModel &run : m_runs)
        if (m_comparedPaths.contains(run.path))
            compared.push_back(run);
    return compared;
}

bool RunHistoryModel::isRunCell(const QModelIndex &index) const {
    // Views and Qt's model tester ask about the invalid index too: that is no cell, not a fault.
    return index.isValid() && checkIndex(index, CheckIndexOption::ParentIsInvalid);
}

int RunHistoryModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_runs.size());
}

int RunHistoryModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString RunHistoryModel::cellText(const digitpad::SavedModel &run, int column) const {
    const digitpad::ModelMetadata &metadata = run.metadata;
    switch (column) {
    case Date: { // the year only when it is not this one: the pane is narrow
        const QDateTime local = metadata.createdAt.toLocalTime();
        return local.toString(local.date().year() == QDate::currentDate().year()
                                  ? QStringLiteral("MM-dd HH:mm")
                                  : QStringLiteral("yyyy-MM-dd HH:mm"));
    }
    case Architecture:
        return isFineTuned(run) ? tr("%1 (fine-tuned)").arg(metadata.architecture)
                                : metadata.architecture;
    case Accuracy:
        return QStringLiteral("%1%").arg(metadata.validationAccuracy * 100, 0, 'f', 2);
    case Duration:
        return duration(metadata.trainSeconds);
    case Data:
        return QLocale().toString(metadata.trainSamples);
    default: // Compare: a tick box alone
        return {};
    }
}

QString RunHistoryModel::toolTip(const digitpad::SavedModel &run) const {
    QString text =
        tr("%1\ntrained on %2, %3")
            .arg(run.path, run.metadata.datasetName,
                 run.metadata.createdAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    if (isFineTuned(run))
        text += QLatin1Char('\n') + tr("fine-tuned from %1").arg(run.metadata.parentModel);
    return text;
}

QVariant RunHistoryModel::data(const QModelIndex &index, int role) const {
    if (!isRunCell(index))
        return {};
    const digitpad::SavedModel &run = m_runs[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return cellText(run, index.column());
    case Qt::ToolTipRole:
        return toolTip(run);
    case Qt::CheckStateRole:
        if (index.column() == Compare)
            return m_comparedPaths.contains(run.path) ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::FontRole:
        if (run.path == m_currentPath) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case kPathRole:
        return run.path;
    default:
        return {};
    }
}

QVariant RunHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::ToolTipRole && section == Compare)
        return tr("Tick runs to draw their validation curves with the live run's");
    if (role != Qt::DisplayRole)
        return {};
    const QString headings[ColumnCount] = {tr("Plot"),       tr("Date"), tr("Network"),
                                           tr("Validation"), tr("Took"), tr("Samples")};
    return headings[section];
}

Qt::ItemFlags RunHistoryModel::flags(const QModelIndex &index) const {
    if (!isRunCell(index))
        return Qt::NoItemFlags;
    const Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    return index.column() == Compare ? flags | Qt::ItemIsUserCheckable : flags;
}

bool RunHistoryModel::setData(const QModelIndex &index, const QVariant &value, int role) {
    if (role != Qt::CheckStateRole || index.column() != Compare || !isRunCell(index))
        return false;
    const QString &path = m_runs[std::size_t(index.row())].path;
    const bool compared = Qt::CheckState(value.toInt()) == Qt::Checked;
    if (compared == m_comparedPaths.contains(path))
        return true;
    if (compared)
        m_comparedPaths.insert(path);
    else
        m_comparedPaths.remove(path);
    Q_EMIT dataChanged(index, index, {Qt::CheckStateRole});
    Q_EMIT comparisonChanged();
    return true;
}
