#pragma once

#include <QMainWindow>

class QLabel;

// Composes the tabs and the actions; owns no drawing or training logic itself.
class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    explicit MainWindow(QWidget *parent = nullptr);

  private:
    QLabel *m_modelStatus = nullptr;
};
