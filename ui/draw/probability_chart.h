#pragma once

#include <QWidget>
#include <array>

class QCustomPlot;
class QCPBars;

// Ten bars, one per digit, the leading one highlighted.
class ProbabilityChart : public QWidget {
    Q_OBJECT
  public:
    explicit ProbabilityChart(QWidget *parent = nullptr);
    void setProbabilities(const std::array<float, 10> &probabilities);
    void clear();
    std::array<double, 10> shownValues() const; // what the bars show now (tests)

  private:
    QCustomPlot *m_plot;
    QCPBars *m_leading;
    QCPBars *m_others;
};
