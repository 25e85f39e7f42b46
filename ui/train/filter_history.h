#pragma once

#include "network_inspection.h"

#include <QScrollArea>

class QLabel;
class QVBoxLayout;

// The first layer's filters after each epoch of the run in progress, one row per epoch, so
// that one can watch training turn random weights into stroke detectors.
class FilterHistory : public QScrollArea {
    Q_OBJECT
  public:
    explicit FilterHistory(QWidget *parent = nullptr);

    void startRun();
    void addEpoch(int epoch, const digitpad::FilterBank &filters);
    int epochsShown() const { return m_shown; }

  private:
    QVBoxLayout *m_rows;
    QLabel *m_hint;
    int m_shown = 0;
};
