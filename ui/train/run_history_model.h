#pragma once

#include "model_history.h"

#include <QAbstractTableModel>
#include <QSet>
#include <QString>
#include <vector>

// The earlier training runs as an item model (view: RunHistory's table), newest first: a tick
// box to compare the run's curves with the live run's, then date, network, validation accuracy,
// how long it took and on how many samples. The run whose file is in use reads bold, and every
// cell carries its run's file (kPathRole).
class RunHistoryModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    enum Column { Compare, Date, Architecture, Accuracy, Duration, Data, ColumnCount };
    static constexpr int kPathRole = Qt::UserRole;

    using QAbstractTableModel::QAbstractTableModel;

    // The runs to list. Ticks belong to files and outlive a new list: a run listed again keeps
    // its tick.
    void setRuns(std::vector<digitpad::SavedModel> runs);
    // Marks the run with this file as the one in use, if it is listed.
    void setCurrentPath(const QString &path);
    QString pathAt(int row) const;
    // The ticked runs, in list order.
    std::vector<digitpad::SavedModel> comparedRuns() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    // Ticks or unticks a run's Compare box (Qt::CheckStateRole), as a click does.
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;

  Q_SIGNALS:
    void comparisonChanged();

  private:
    bool isRunCell(const QModelIndex &index) const;
    QString cellText(const digitpad::SavedModel &run, int column) const;
    QString toolTip(const digitpad::SavedModel &run) const;

    std::vector<digitpad::SavedModel> m_runs;
    QSet<QString> m_comparedPaths;
    QString m_currentPath;
};
