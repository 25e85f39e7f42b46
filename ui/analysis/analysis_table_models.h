#pragma once

#include "analysis.h"

#include <QAbstractTableModel>
#include <QStringList>
#include <vector>

// Item models behind the Analysis tab's tables (views: QTableView). Undefined values read
// "n/a"; estimates with intervals read "value [low, high]".

// Any list of GroupMetrics: the ten digits, the handwriting-style slices, the writer groups.
// Columns: the group's name, its support, then one per metric. One group can be highlighted
// (the worst slice).
class GroupMetricsModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    GroupMetricsModel(const QString &groupHeading, std::vector<digitpad::Metric> metrics,
                      QObject *parent = nullptr);

    void setGroups(std::vector<digitpad::GroupMetrics> groups, const QString &highlighted = {});

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

  private:
    QString m_groupHeading;
    std::vector<digitpad::Metric> m_metrics;
    std::vector<digitpad::GroupMetrics> m_groups;
    QString m_highlighted;
};

// The fairness summary: one row per comparison (group family x metric), green within the
// threshold, red beyond it.
class FairnessModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    using QAbstractTableModel::QAbstractTableModel;

    static constexpr int kWorstColumn = 4; // then best: a group and its rate, "Q1 (...) (...%)"

    void setComparisons(std::vector<digitpad::FairnessComparison> comparisons);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

  private:
    std::vector<digitpad::FairnessComparison> m_comparisons;
};

// Before/after: two analyses of the same data side by side, with the change in points.
class ComparisonModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    using QAbstractTableModel::QAbstractTableModel;

    void setComparison(const digitpad::Analysis &before, const digitpad::Analysis &after,
                       const QString &beforeName, const QString &afterName);
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

  private:
    QStringList m_headers;
    std::vector<QStringList> m_rows; // what, before, after, change
};
