#include "probability_chart.h"

#include "plot_style.h"
#include <QVBoxLayout>

namespace {
const QColor kOthers(150, 165, 185);
const QColor kLeading(40, 110, 220);
} // namespace

ProbabilityChart::ProbabilityChart(QWidget *parent)
    : QWidget(parent), m_plot(new QCustomPlot(this)) {
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    setMinimumHeight(170);

    m_others = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    m_leading = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    for (QCPBars *bars : {m_others, m_leading})
        bars->setWidth(0.7);
    m_others->setBrush(kOthers);
    m_others->setPen(Qt::NoPen);
    m_leading->setBrush(kLeading);
    m_leading->setPen(Qt::NoPen);

    m_plot->xAxis->setTicker(digitTicker());
    m_plot->xAxis->setRange(-0.6, 9.6);
    m_plot->xAxis->grid()->setVisible(false);
    m_plot->yAxis->setRange(0, 1.02);
    m_plot->yAxis->setLabel(tr("probability"));
    QSharedPointer<QCPAxisTickerFixed> percent(new QCPAxisTickerFixed);
    percent->setTickStep(0.25);
    m_plot->yAxis->setTicker(percent);
    m_plot->setBackground(palette().window());
}

void ProbabilityChart::setProbabilities(const std::array<float, 10> &probabilities,
                                        bool notADigit) {
    int leading = 0;
    for (int digit = 1; digit < 10; ++digit)
        if (probabilities[std::size_t(digit)] > probabilities[std::size_t(leading)])
            leading = digit;
    QVector<double> keys, others, top;
    for (int digit = 0; digit < 10; ++digit) {
        keys << digit;
        others << (digit == leading ? 0.0 : double(probabilities[std::size_t(digit)]));
        top << (digit == leading ? double(probabilities[std::size_t(digit)]) : 0.0);
    }
    m_others->setData(keys, others, true);
    m_leading->setData(keys, top, true);
    m_leading->setBrush(notADigit ? kOthers.lighter(115) : kLeading);
    m_others->setBrush(notADigit ? kOthers.lighter(115) : kOthers);
    m_plot->yAxis->setLabel(notADigit ? tr("if it were a digit") : tr("probability"));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool ProbabilityChart::leadingHighlighted() const {
    return m_leading->brush().color() != m_others->brush().color();
}

void ProbabilityChart::clear() {
    m_others->data()->clear();
    m_leading->data()->clear();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

std::array<double, 10> ProbabilityChart::shownValues() const {
    std::array<double, 10> values{};
    for (QCPBars *bars : {m_others, m_leading})
        for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it)
            values[std::size_t(std::lround(it->key))] += it->value;
    return values;
}
