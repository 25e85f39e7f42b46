#include "training_plots.h"

#include "plot_style.h"

#include <QPdfWriter>
#include <QToolTip>
#include <QVBoxLayout>
#include <cmath>
#include <iterator>
#include <utility>

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

// The range of the graphs' values in `domain`; false when none of them has any.
bool combinedValueRange(const QList<QCPGraph *> &graphs, QCP::SignDomain domain, QCPRange *range) {
    bool found = false;
    for (QCPGraph *graph : graphs) {
        bool ok = false;
        const QCPRange own = graph->getValueRange(ok, domain);
        if (!ok)
            continue;
        if (found)
            range->expand(own);
        else
            *range = own;
        found = true;
    }
    return found;
}

// Keeps the positive values' range of the graphs on one log axis, with a margin.
void rescaleLogAxis(QCPAxis *axis, const QList<QCPGraph *> &graphs) {
    QCPRange range;
    if (combinedValueRange(graphs, QCP::sdPositive, &range))
        axis->setRange(range.lower / 1.3, range.upper * 1.3);
}

// Earlier runs are drawn in colours apart from the live curves' blue and orange, so that no
// compared run is taken for the live one.
QColor comparedRunColour(int index) {
    static const QColor colours[] = {QColor(50, 150, 70),   QColor(140, 80, 180),
                                     QColor(110, 110, 110), QColor(150, 100, 50),
                                     QColor(30, 160, 160),  QColor(200, 70, 140)};
    return colours[index % int(std::size(colours))];
}

QCPGraph *addComparedLine(QCustomPlot *plot, QCPAxis *valueAxis, const QString &name,
                          const QColor &colour, Qt::PenStyle style) {
    QCPGraph *graph = plot->addGraph(plot->xAxis, valueAxis);
    graph->setName(name);
    graph->setPen(QPen(colour, 1.5, style));
    // A dot per epoch, so that a run of one epoch, which has no line, still shows.
    graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 4));
    // Behind the live curves, which are what the user is watching.
    graph->setLayer(QStringLiteral("compared"));
    return graph;
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
    // A ring around the validation accuracy of the epoch that keep-best would keep.
    m_bestEpochMark =
        addLine(m_epochPlot, m_epochPlot->yAxis2, tr("best epoch"), QColor(220, 110, 30));
    m_bestEpochMark->setLineStyle(QCPGraph::lsNone);
    m_bestEpochMark->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(220, 110, 30), 2), Qt::NoBrush, 14));
    m_epochPlot->addLayer(QStringLiteral("compared"), m_epochPlot->layer(QStringLiteral("main")),
                          QCustomPlot::limBelow);
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
    m_baseLearningRate = 0;
    m_bestEpoch = 0;
    for (QCPGraph *graph : {m_rawLoss, m_smoothLoss, m_trainLoss, m_validationLoss, m_trainAccuracy,
                            m_validationAccuracy, m_bestEpochMark})
        graph->data()->clear();
    m_bestEpochMark->removeFromLegend(); // back when there is a best epoch to explain
    removeLearningRateMarks();
    m_batchPlot->xAxis->setRange(0, m_epochs);
    m_batchPlot->yAxis->setRange(0.01, 3);
    showAllEpochs();
    m_epochPlot->yAxis->setRange(0.01, 3);
    m_epochPlot->yAxis2->setRange(80, 100);
    replot();
}

void TrainingPlots::addBatch(const digitpad::BatchStats &stats) {
    if (stats.batchesPerEpoch <= 0)
        return;
    const double position = stats.epoch - 1 + double(stats.batch) / stats.batchesPerEpoch;
    // Marked even when this batch's loss cannot be drawn: the rate changed here all the same.
    if (stats.learningRateChanged)
        markLearningRateChange(position, m_baseLearningRate, stats.baseLearningRate);
    m_baseLearningRate = stats.baseLearningRate;
    if (!std::isfinite(stats.loss))
        return;
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
    if (stats.best) {
        // Only the latest best epoch is ringed: it is the one keep-best would keep.
        m_bestEpochMark->data()->clear();
        m_bestEpochMark->addData(stats.epoch, stats.validationAccuracy * 100);
        m_bestEpochMark->addToLegend();
        m_bestEpoch = stats.epoch;
    }
    scheduleReplot();
}

void TrainingPlots::setComparedRuns(const QList<ComparedRun> &runs) {
    for (QCPGraph *graph : std::as_const(m_comparedAccuracies))
        m_epochPlot->removeGraph(graph);
    for (QCPGraph *graph : std::as_const(m_comparedLosses))
        m_epochPlot->removeGraph(graph);
    m_comparedAccuracies.clear();
    m_comparedLosses.clear();
    m_comparedEpochs = 0;
    for (const ComparedRun &run : runs) {
        const QColor colour = comparedRunColour(int(m_comparedAccuracies.size()));
        // Models saved before runs kept their curves have none to draw; the legend says so
        // rather than listing a run that is nowhere on the plot.
        QCPGraph *accuracy = addComparedLine(
            m_epochPlot, m_epochPlot->yAxis2,
            run.epochs.empty() ? tr("%1 (no curves saved)").arg(run.label) : run.label, colour,
            Qt::SolidLine);
        QCPGraph *loss =
            addComparedLine(m_epochPlot, m_epochPlot->yAxis,
                            tr("%1 validation loss").arg(run.label), colour, Qt::DashLine);
        loss->removeFromLegend(); // the accuracy's entry names the run; the colour pairs them
        for (const digitpad::EpochStats &epoch : run.epochs) {
            accuracy->addData(epoch.epoch, epoch.validationAccuracy * 100);
            loss->addData(epoch.epoch, epoch.validationLoss);
            m_comparedEpochs = std::max(m_comparedEpochs, epoch.epoch);
        }
        m_comparedAccuracies.append(accuracy);
        m_comparedLosses.append(loss);
    }
    showAllEpochs();
    replot();
}

int TrainingPlots::batchPointCount() const {
    return m_rawLoss->dataCount();
}
int TrainingPlots::epochPointCount() const {
    return m_validationAccuracy->dataCount();
}
int TrainingPlots::learningRateMarkCount() const {
    return int(m_learningRateMarks.size());
}
int TrainingPlots::bestEpochMarked() const {
    return m_bestEpoch;
}
int TrainingPlots::comparedRunCount() const {
    return int(m_comparedAccuracies.size());
}

void TrainingPlots::markLearningRateChange(double position, double from, double to) {
    const QColor colour(90, 90, 90);
    auto *line = new QCPItemStraightLine(m_batchPlot);
    line->setPen(QPen(colour, 1, Qt::DashLine));
    // Two points of the vertical through `position`; positive, for the log loss axis.
    line->point1->setCoords(position, 1);
    line->point2->setCoords(position, 10);

    auto *label = new QCPItemText(m_batchPlot);
    const QString newRate = QString::number(to, 'g', 3);
    label->setText(from > 0 ? tr("lr %1 → %2").arg(QString::number(from, 'g', 3), newRate)
                            : tr("lr → %1").arg(newRate));
    label->setColor(colour);
    label->setClipToAxisRect(true);
    label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    label->setPadding(QMargins(3, 0, 0, 0));
    // Level with the line, near the top of the axes whatever the loss range; staggered,
    // so that the labels of changes made in quick succession do not cover each other.
    label->position->setTypeX(QCPItemPosition::ptPlotCoords);
    label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    label->position->setCoords(position, 0.02 + 0.08 * (m_learningRateMarks.size() % 3));

    m_learningRateMarks.append({line, label});
    scheduleReplot();
}

void TrainingPlots::removeLearningRateMarks() {
    for (const LearningRateMark &mark : std::as_const(m_learningRateMarks)) {
        m_batchPlot->removeItem(mark.line);
        m_batchPlot->removeItem(mark.label);
    }
    m_learningRateMarks.clear();
}

// The whole of the live run and of the longest compared run.
void TrainingPlots::showAllEpochs() {
    m_epochPlot->xAxis->setRange(0.5, std::max(m_epochs, m_comparedEpochs) + 0.5);
}

void TrainingPlots::scheduleReplot() {
    if (!m_replotTimer.isActive())
        m_replotTimer.start();
}

void TrainingPlots::replot() {
    rescaleLogAxis(m_batchPlot->yAxis, {m_rawLoss});
    rescaleLogAxis(m_epochPlot->yAxis,
                   QList<QCPGraph *>{m_trainLoss, m_validationLoss} + m_comparedLosses);
    QCPRange accuracy;
    if (combinedValueRange(QList<QCPGraph *>{m_trainAccuracy, m_validationAccuracy} +
                               m_comparedAccuracies,
                           QCP::sdBoth, &accuracy)) {
        // Accuracy near 100% is where the differences are; show from a little below the lowest.
        // Room above the highest too: that is usually the best epoch, whose ring would be cut.
        m_epochPlot->yAxis2->setRange(
            std::max(0.0, accuracy.lower - std::max(1.0, accuracy.size() * 0.1)),
            std::min(100.5, accuracy.upper + std::max(0.5, accuracy.size() * 0.05)));
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
