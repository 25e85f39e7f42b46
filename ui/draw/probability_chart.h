#pragma once

#include <QWidget>
#include <array>

class QCustomPlot;
class QCPBars;

// Ten bars, one per digit, the leading one highlighted: unless the picture is no digit at all,
// when the bars only say which digit it would be closest to, and all are drawn muted.
class ProbabilityChart : public QWidget {
    Q_OBJECT
  public:
    explicit ProbabilityChart(QWidget *parent = nullptr);
    void setProbabilities(const std::array<float, 10> &probabilities, bool notADigit = false);
    void clear();
    std::array<double, 10> shownValues() const; // what the bars show now (tests)
    bool leadingHighlighted() const;            // the leading bar stands out (tests)

  private:
    QCustomPlot *m_plot;
    QCPBars *m_leading;
    QCPBars *m_others;
};
