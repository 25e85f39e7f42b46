#include "analysis_table_models.h"

#include <QColor>

using namespace digitpad;

namespace {
QString percent(const std::optional<double> &value, int decimals = 1) {
    return value ? QStringLiteral("%1%").arg(*value * 100, 0, 'f', decimals) : QObject::tr("n/a");
}

QString withInterval(const Estimate &estimate) {
    if (!estimate.value)
        return QObject::tr("n/a");
    if (!estimate.low || !estimate.high)
        return percent(estimate.value);
    return QStringLiteral("%1 [%2, %3]")
        .arg(percent(estimate.value), percent(estimate.low), percent(estimate.high));
}

QString points(double before, double after) {
    return QObject::tr("%1%2 points")
        .arg(after >= before ? "+" : "")
        .arg((after - before) * 100, 0, 'f', 2);
}

const QColor kWithin(225, 243, 228);
const QColor kBeyond(253, 226, 222);

// The digit served worst by recall, and the gap to the best.
std::pair<const GroupMetrics *, double> worstDigit(const Analysis &analysis) {
    const auto comparison =
        compareGroups(analysis.digits, QStringLiteral("digit"), Metric::Recall, 1.0);
    if (!comparison)
        return {nullptr, 0};
    for (const GroupMetrics &digit : analysis.digits)
        if (digit.name == comparison->worst)
            return {&digit, comparison->difference};
    return {nullptr, 0};
}

// The one header rule of the three models: column titles across the top, nothing else.
QVariant columnTitle(const QStringList &titles, int section, Qt::Orientation orientation,
                     int role) {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 ||
        section >= titles.size())
        return {};
    return titles[section];
}

bool isDisplayRow(const QModelIndex &index, int rows, int columns) {
    return index.isValid() && !index.parent().isValid() && index.row() < rows &&
           index.column() < columns;
}
} // namespace

GroupMetricsModel::GroupMetricsModel(const QString &groupHeading, std::vector<Metric> metrics,
                                     QObject *parent)
    : QAbstractTableModel(parent), m_groupHeading(groupHeading), m_metrics(std::move(metrics)) {}

void GroupMetricsModel::setGroups(std::vector<GroupMetrics> groups, const QString &highlighted) {
    beginResetModel();
    m_groups = std::move(groups);
    m_highlighted = highlighted;
    endResetModel();
}

int GroupMetricsModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_groups.size());
}

int GroupMetricsModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : 2 + int(m_metrics.size());
}

QVariant GroupMetricsModel::data(const QModelIndex &index, int role) const {
    if (!isDisplayRow(index, rowCount(), columnCount()))
        return {};
    const GroupMetrics &group = m_groups[std::size_t(index.row())];
    if (role == Qt::BackgroundRole && !m_highlighted.isEmpty() && group.name == m_highlighted)
        return kBeyond;
    if (role != Qt::DisplayRole)
        return {};
    if (index.column() == 0)
        return group.name;
    if (index.column() == 1)
        return group.support;
    return withInterval(group[m_metrics[std::size_t(index.column() - 2)]]);
}

QVariant GroupMetricsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    QStringList titles{m_groupHeading, tr("Support")};
    for (const Metric metric : m_metrics)
        titles << metricName(metric);
    return columnTitle(titles, section, orientation, role);
}

void FairnessModel::setComparisons(std::vector<FairnessComparison> comparisons) {
    beginResetModel();
    m_comparisons = std::move(comparisons);
    endResetModel();
}

int FairnessModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_comparisons.size());
}

int FairnessModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : 7;
}

QVariant FairnessModel::data(const QModelIndex &index, int role) const {
    if (!isDisplayRow(index, rowCount(), columnCount()))
        return {};
    const FairnessComparison &c = m_comparisons[std::size_t(index.row())];
    if (role == Qt::BackgroundRole)
        return c.withinThreshold ? kWithin : kBeyond;
    if (role == Qt::ToolTipRole)
        return c.verdict;
    if (role != Qt::DisplayRole)
        return {};
    // "stroke thickness Q2 (...)" under the heading "stroke thickness" reads as "Q2 (...)"
    const auto shortName = [&c](const QString &group) {
        return group.startsWith(c.family + QLatin1Char(' ')) ? group.mid(c.family.size() + 1)
                                                             : group;
    };
    switch (index.column()) {
    case 0:
        return c.family;
    case 1:
        return metricName(c.metric);
    case 2:
        return tr("%1 points").arg(c.difference * 100, 0, 'f', 2);
    case 3:
        return QString::number(c.ratio, 'f', 3);
    case 4:
        return QStringLiteral("%1 (%2)").arg(shortName(c.worst), percent(c.worstValue, 2));
    case 5:
        return QStringLiteral("%1 (%2)").arg(shortName(c.best), percent(c.bestValue, 2));
    default: // the sentence is the tooltip; the cell says it in a word, as the colour does
        return c.withinThreshold ? tr("within") : tr("beyond");
    }
}

QVariant FairnessModel::headerData(int section, Qt::Orientation orientation, int role) const {
    // The gap and the ratio first: they are what a reader scans for.
    static const QStringList headers{tr("Groups"), tr("Metric"), tr("Gap"),    tr("Ratio"),
                                     tr("Worst"),  tr("Best"),   tr("Verdict")};
    return columnTitle(headers, section, orientation, role);
}

void ComparisonModel::setComparison(const Analysis &before, const Analysis &after,
                                    const QString &beforeName, const QString &afterName) {
    beginResetModel();
    m_headers = {tr("On the same data"), beforeName, afterName, tr("Change")};
    m_rows.clear();
    m_rows.push_back({tr("overall accuracy"), percent(before.accuracy, 2),
                      percent(after.accuracy, 2), points(before.accuracy, after.accuracy)});
    const auto [worstBefore, gapBefore] = worstDigit(before);
    const auto [worstAfter, gapAfter] = worstDigit(after);
    if (worstBefore && worstAfter) {
        m_rows.push_back(
            {tr("worst digit recall"),
             tr("%1 (digit %2)")
                 .arg(percent((*worstBefore)[Metric::Recall].value, 2), worstBefore->name),
             tr("%1 (digit %2)")
                 .arg(percent((*worstAfter)[Metric::Recall].value, 2), worstAfter->name),
             points(*(*worstBefore)[Metric::Recall].value, *(*worstAfter)[Metric::Recall].value)});
        m_rows.push_back({tr("recall gap, best to worst digit"), percent(gapBefore, 2),
                          percent(gapAfter, 2), points(gapBefore, gapAfter)});
    }
    for (int digit = 0; digit < kClassCount; ++digit) {
        const auto a = before.digits[std::size_t(digit)][Metric::Recall].value;
        const auto b = after.digits[std::size_t(digit)][Metric::Recall].value;
        m_rows.push_back({tr("recall of digit %1").arg(digit), percent(a, 2), percent(b, 2),
                          a && b ? points(*a, *b) : tr("n/a")});
    }
    const GroupMetrics *sliceBefore = before.worstSlice();
    const GroupMetrics *sliceAfter = after.worstSlice();
    if (sliceBefore && sliceAfter)
        m_rows.push_back(
            {tr("worst style slice accuracy"),
             QStringLiteral("%1 (%2)").arg(percent((*sliceBefore)[Metric::Accuracy].value, 2),
                                           sliceBefore->name),
             QStringLiteral("%1 (%2)").arg(percent((*sliceAfter)[Metric::Accuracy].value, 2),
                                           sliceAfter->name),
             points(*(*sliceBefore)[Metric::Accuracy].value,
                    *(*sliceAfter)[Metric::Accuracy].value)});
    m_rows.push_back({tr("calibration error (ECE)"), percent(before.calibrationError, 2),
                      percent(after.calibrationError, 2),
                      before.calibrationError && after.calibrationError
                          ? points(*before.calibrationError, *after.calibrationError)
                          : tr("n/a")});
    endResetModel();
}

void ComparisonModel::clear() {
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int ComparisonModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ComparisonModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : 4;
}

QVariant ComparisonModel::data(const QModelIndex &index, int role) const {
    if (role != Qt::DisplayRole || !isDisplayRow(index, rowCount(), columnCount()))
        return {};
    return m_rows[std::size_t(index.row())][index.column()];
}

QVariant ComparisonModel::headerData(int section, Qt::Orientation orientation, int role) const {
    return columnTitle(m_headers, section, orientation, role);
}
