#include "confusion_matrix_view.h"

#include "plot_style.h"

#include <QVBoxLayout>
#include <cmath>

ConfusionMatrixView::ConfusionMatrixView(QWidget *parent)
    : QWidget(parent), m_plot(new QCustomPlot) {
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    setMinimumSize(320, 320);
    m_map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
    m_map->data()->setSize(10, 10);
    m_map->data()->setRange(QCPRange(0, 9), QCPRange(0, 9));
    m_map->setInterpolate(false);
    QCPColorGradient gradient;
    gradient.setColorStopAt(0, Qt::white);
    gradient.setColorStopAt(0.02, QColor(255, 236, 220));
    gradient.setColorStopAt(0.3, QColor(250, 160, 110));
    gradient.setColorStopAt(1, QColor(30, 90, 200));
    m_map->setGradient(gradient);
    const QSharedPointer<QCPAxisTickerText> ticks = digitTicker();
    for (QCPAxis *axis : {m_plot->xAxis, m_plot->yAxis}) {
        axis->setTicker(ticks);
        axis->setRange(-0.5, 9.5);
        axis->grid()->setVisible(false);
        axis->setTickLength(0, 0);
        axis->setSubTicks(false);
    }
    m_plot->yAxis->setRangeReversed(true); // true digit 0 on top, as the matrix is written
    m_plot->xAxis->setLabel(tr("predicted digit (click a cell to see its samples)"));
    m_plot->yAxis->setLabel(tr("true digit"));
    m_plot->setBackground(palette().window());
    connect(m_plot, &QCustomPlot::mousePress, this, &ConfusionMatrixView::onClick);
}

void ConfusionMatrixView::setMatrix(const digitpad::ConfusionMatrix &matrix) {
    m_matrix = matrix;
    redraw();
}

void ConfusionMatrixView::setRowNormalised(bool on) {
    m_rowNormalised = on;
    redraw();
}

void ConfusionMatrixView::redraw() {
    m_plot->clearItems();
    for (int row = 0; row < 10; ++row) {
        int rowTotal = 0;
        for (int column = 0; column < 10; ++column)
            rowTotal += m_matrix.count(row, column);
        for (int column = 0; column < 10; ++column) {
            const int count = m_matrix.count(row, column);
            const double share = rowTotal > 0 ? double(count) / rowTotal : 0.0;
            // Colour by row share on a square-root scale, so that rare confusions still show.
            m_map->data()->setCell(column, row, std::sqrt(share));
            auto *text = new QCPItemText(m_plot);
            text->position->setCoords(column, row);
            text->setText(m_rowNormalised
                              ? QStringLiteral("%1%").arg(share * 100, 0, 'f', share < 0.1 ? 1 : 0)
                              : QString::number(count));
            text->setColor(share > 0.5 ? Qt::white : Qt::black);
            text->setClipToAxisRect(true);
        }
    }
    m_map->setDataRange(QCPRange(0, 1));
    m_plot->replot();
}

bool ConfusionMatrixView::cellAt(QPointF position, int *trueDigit, int *predictedDigit) const {
    const QPointF inPlot = m_plot->mapFrom(this, position);
    const int column = int(std::lround(m_plot->xAxis->pixelToCoord(inPlot.x())));
    const int row = int(std::lround(m_plot->yAxis->pixelToCoord(inPlot.y())));
    if (column < 0 || column > 9 || row < 0 || row > 9 ||
        !m_plot->axisRect()->rect().contains(inPlot.toPoint()))
        return false;
    *trueDigit = row;
    *predictedDigit = column;
    return true;
}

QPointF ConfusionMatrixView::cellCentre(int trueDigit, int predictedDigit) const {
    return m_plot->mapTo(this, QPointF(m_plot->xAxis->coordToPixel(predictedDigit),
                                       m_plot->yAxis->coordToPixel(trueDigit))
                                   .toPoint());
}

void ConfusionMatrixView::onClick(QMouseEvent *event) {
    int row = 0, column = 0;
    if (cellAt(m_plot->mapTo(this, event->position().toPoint()), &row, &column))
        Q_EMIT cellClicked(row, column);
}
