#include "training_plots.h"

#include "plot_style.h"

#include <QPdfWriter>
#include <QToolTip>
#include <QVBoxLayout>
#include <cmath>

namespace {
// TensorBoard-style exponential smoothing, bias-corrected so the curve starts at the first loss.
constexpr double kSmoothing = 0.95;

QCPGraph *addLine(QCustomPlot *plot, QCPAxis *valueAxis, const QString &name, const QColor &colour,
                  Qt::PenStyle style = Qt::SolidLine, bool dots = false) {
    QCPGraph *graph = plot->addGraph(plot->xAxis, valueAxis);
    graph->setName(name);
    graph->setPen(QPen(colour, 2, style));
    if (dots)
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, colour, Qt::white, 6));
    return graph;
}

void useLogScale(QCPAxis *axis) {
    axis->setScaleType(QCPAxis::stLogarithmic);
    QSharedPointer<QCPAxisTickerLog> ticker(new QCPAxisTickerLog);
    ticker->setSubTickCount(8);
    axis->setTicker(ticker);
    axis->setNumberFormat(QStringLiteral("gb"));
}

// Keeps the positive values' range of the graphs on one log axis, with a margin.
void rescaleLogAxis(QCPAxis *axis, std::initializer_list<QCPGraph *> graphs) {
    bool found = false;
    QCPRange range;
    for (QCPGraph *graph : graphs) {
        bool ok = false;
        const QCPRange own = graph->getValueRange(ok, QCP::sdPositive);
        if (!ok)
            continue;
        range = found ? QCPRange(std::min(range.lower, own.lower), std::max(range.upper, own.upper))
                      : own;
        found = true;
    }
    if (found)
        axis->setRange(range.lower / 1.3, range.upper * 1.3);
}
} // namespace

TrainingPlots::TrainingPlots(QWidget *parent)
    : QWidget(parent), m_batchPlot(new QCustomPlot), m_epochPlot(new QCustomPlot) {
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_batchPlot, 1);
    layout->addWidget(m_epochPlot, 1);

    m_rawLoss = addLine(m_batchPlot, m_batchPlot->yAxis, tr("batch loss"), QColor(160, 175, 200));
    m_rawLoss->setPen(QPen(QColor(160, 175, 200), 1));
    m_smoothLoss = addLine(m_batchPlot, m_batchPlot->yAxis, tr("smoothed"), QColor(40, 110, 220));
    m_batchPlot->xAxis->setLabel(tr("epoch"));
    m_batchPlot->yAxis->setLabel(tr("training loss"));
    useLogScale(m_batchPlot->yAxis);
    placeLegendBelow(m_batchPlot);

    m_trainLoss = addLine(m_epochPlot, m_epochPlot->yAxis, tr("train loss"), QColor(40, 110, 220),
                          Qt::DashLine, true);
    m_validationLoss = addLine(m_epochPlot, m_epochPlot->yAxis, tr("validation loss"),
                               QColor(220, 110, 30), Qt::DashLine, true);
    m_trainAccuracy = addLine(m_epochPlot, m_epochPlot->yAxis2, tr("train accuracy"),
                              QColor(40, 110, 220), Qt::SolidLine, true);
    m_validationAccuracy = addLine(m_epochPlot, m_epochPlot->yAxis2, tr("validation accuracy"),
                                   QColor(220, 110, 30), Qt::SolidLine, true);
    m_epochPlot->xAxis->setLabel(tr("epoch"));
    m_epochPlot->yAxis->setLabel(tr("loss (dashed)"));
    useLogScale(m_epochPlot->yAxis);
    m_epochPlot->yAxis2->setVisible(true);
    m_epochPlot->yAxis2->setLabel(tr("accuracy % (solid)"));
    placeLegendBelow(m_epochPlot);

    for (QCustomPlot *plot : {m_batchPlot, m_epochPlot}) {
        plot->setBackground(palette().window());
        plot->setMinimumHeight(150);
        plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
        plot->axisRect()->setRangeZoom(Qt::Horizontal);
        plot->axisRect()->setRangeDrag(Qt::Horizontal);
        connect(plot, &QCustomPlot::mouseMove, this,
                [this, plot](QMouseEvent *event) { showValueUnder(plot, event); });
    }
    m_replotTimer.setSingleShot(true);
    m_replotTimer.setInterval(50);
    connect(&m_replotTimer, &QTimer::timeout, this, &TrainingPlots::replot);
    startRun(1);
}

void TrainingPlots::startRun(int epochs) {
    m_epochs = std::max(1, epochs);
    m_smoothed = 0;
    m_batchesSeen = 0;
    for (QCPGraph *graph : {m_rawLoss, m_smoothLoss, m_trainLoss, m_validationLoss, m_trainAccuracy,
                            m_validationAccuracy})
        graph->data()->clear();
    m_batchPlot->xAxis->setRange(0, m_epochs);
    m_batchPlot->yAxis->setRange(0.01, 3);
    m_epochPlot->xAxis->setRange(0.5, m_epochs + 0.5);
    m_epochPlot->yAxis->setRange(0.01, 3);
    m_epochPlot->yAxis2->setRange(80, 100);
    replot();
}

void TrainingPlots::addBatch(const digitpad::BatchStats &stats) {
    if (!std::isfinite(stats.loss) || stats.batchesPerEpoch <= 0)
        return;
    const double position = stats.epoch - 1 + double(stats.batch) / stats.batchesPerEpoch;
    ++m_batchesSeen;
    m_smoothed = kSmoothing * m_smoothed + (1 - kSmoothing) * stats.loss;
    m_rawLoss->addData(position, stats.loss);
    m_smoothLoss->addData(position, m_smoothed / (1 - std::pow(kSmoothing, m_batchesSeen)));
    scheduleReplot();
}

void TrainingPlots::addEpoch(const digitpad::EpochStats &stats) {
    m_trainLoss->addData(stats.epoch, stats.trainLoss);
    m_validationLoss->addData(stats.epoch, stats.validationLoss);
    m_trainAccuracy->addData(stats.epoch, stats.trainAccuracy * 100);
    m_validationAccuracy->addData(stats.epoch, stats.validationAccuracy * 100);
    scheduleReplot();
}

int TrainingPlots::batchPointCount() const {
    return m_rawLoss->dataCount();
}
int TrainingPlots::epochPointCount() const {
    return m_validationAccuracy->dataCount();
}

void TrainingPlots::scheduleReplot() {
    if (!m_replotTimer.isActive())
        m_replotTimer.start();
}

void TrainingPlots::replot() {
    rescaleLogAxis(m_batchPlot->yAxis, {m_rawLoss});
    rescaleLogAxis(m_epochPlot->yAxis, {m_trainLoss, m_validationLoss});
    bool ok = false;
    QCPRange accuracy = m_trainAccuracy->getValueRange(ok);
    if (ok) {
        bool validationOk = false;
        const QCPRange validation = m_validationAccuracy->getValueRange(validationOk);
        if (validationOk)
            accuracy.expand(validation);
        // Accuracy near 100% is where the differences are; show from a little below the lowest.
        m_epochPlot->yAxis2->setRange(
            std::max(0.0, accuracy.lower - std::max(1.0, accuracy.size() * 0.1)),
            std::min(100.5, accuracy.upper + 0.5));
    }
    m_batchPlot->replot(QCustomPlot::rpQueuedReplot);
    m_epochPlot->replot(QCustomPlot::rpQueuedReplot);
}

void TrainingPlots::showValueUnder(QCustomPlot *plot, QMouseEvent *event) {
    // The nearest point of any graph, within 20 px, named with its curve and value.
    QString text;
    double nearest = 20;
    for (int index = 0; index < plot->graphCount(); ++index) {
        QCPGraph *graph = plot->graph(index);
        QVariant details;
        const double distance = graph->selectTest(event->position(), false, &details);
        if (distance < 0 || distance >= nearest)
            continue;
        const QCPDataSelection selection = details.value<QCPDataSelection>();
        if (selection.isEmpty())
            continue;
        const auto point = graph->data()->at(selection.dataRange().begin());
        nearest = distance;
        const bool accuracy = graph->valueAxis() == plot->yAxis2;
        text = tr("%1\nepoch %2: %3")
                   .arg(graph->name())
                   .arg(point->key, 0, 'f', plot == m_batchPlot ? 2 : 0)
                   .arg(accuracy ? QStringLiteral("%1%").arg(point->value, 0, 'f', 2)
                                 : QString::number(point->value, 'g', 4));
    }
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, plot);
}

bool TrainingPlots::exportTo(const QString &path) const {
    const int width = std::max(640, m_batchPlot->width());
    const int height = std::max(300, m_batchPlot->height());
    if (path.endsWith(QStringLiteral(".pdf"), Qt::CaseInsensitive)) {
        QPdfWriter writer(path);
        writer.setPageSize(QPageSize(QSizeF(width, 2 * height), QPageSize::Point));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        writer.setResolution(72); // one point per plot pixel
        QCPPainter painter;
        if (!painter.begin(&writer))
            return false;
        painter.setMode(QCPPainter::pmVectorized);
        painter.setMode(QCPPainter::pmNoCaching);
        m_batchPlot->toPainter(&painter, width, height);
        painter.translate(0, height);
        m_epochPlot->toPainter(&painter, width, height);
        return painter.end();
    }
    const QPixmap top = m_batchPlot->toPixmap(width, height, 2.0);
    const QPixmap bottom = m_epochPlot->toPixmap(width, height, 2.0);
    QImage combined(top.width(), top.height() + bottom.height(), QImage::Format_RGB32);
    combined.fill(Qt::white);
    QPainter painter(&combined);
    painter.drawPixmap(0, 0, top);
    painter.drawPixmap(0, top.height(), bottom);
    painter.end();
    return combined.save(path);
}
