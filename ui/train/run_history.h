#pragma once

#include "model_history.h"

#include <QString>
#include <QWidget>
#include <vector>

class QPushButton;
class QTableView;
class RunHistoryModel;

// The earlier training runs (one .dpmodel each in the runs folder), listed by RunHistoryModel.
// Any of them can become the live model again, and any can be ticked to compare its curves with
// the live run's.
class RunHistory : public QWidget {
    Q_OBJECT
  public:
    explicit RunHistory(QWidget *parent = nullptr);

    void setFolder(const QString &folder);
    void refresh();
    int runCount() const;
    QString pathAt(int row) const;
    // Marks the run whose file is in use, if it is in the list.
    void setCurrentPath(const QString &path);

    // The ticked runs, in list order (newest first).
    std::vector<digitpad::SavedModel> comparedRuns() const;
    // Ticks or unticks the listed run with this file, as the user would.
    void setCompared(const QString &path, bool compared);

    QTableView *table() const { return m_table; }

  Q_SIGNALS:
    void modelChosen(const QString &path);
    void comparisonChanged();

  private:
    void chooseSelected();

    QString m_folder;
    RunHistoryModel *m_runs;
    QTableView *m_table;
    QPushButton *m_use;
};
