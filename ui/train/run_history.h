#pragma once

#include <QString>
#include <QWidget>

class QPushButton;
class QTableWidget;

// The earlier training runs (one .dpmodel each in the runs folder): date, architecture,
// validation accuracy, duration and data. Any of them can become the live model again.
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

  Q_SIGNALS:
    void modelChosen(const QString &path);

  private:
    void chooseSelected();

    QString m_folder;
    QString m_currentPath;
    QTableWidget *m_table;
    QPushButton *m_use;
};
