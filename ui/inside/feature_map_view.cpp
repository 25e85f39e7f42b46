#include "feature_map_view.h"

#include "inspection_runners.h"
#include "plot_style.h"
#include "symbol_legend_item.h"

namespace {
// A legend's dot, larger than the map's so that its colour can be told.
constexpr double kLegendDot = 10;

QCPScatterStyle misreadMark() {
    return {QCPScatterStyle::ssCircle, QPen(Qt::black, 1), Qt::NoBrush, 7};
}
QCPScatterStyle pickedMark() {
    return {QCPScatterStyle::ssSquare, QPen(Qt::black, 2), Qt::NoBrush, 12};
}
QCPScatterStyle drawingMark() {
    return {QCPScatterStyle::ssStar, QPen(Qt::black, 2.5), Qt::yellow, 18};
}
} // namespace

FeatureMapView::FeatureMapView(QWidget *parent) : QCustomPlot(parent) {
    xAxis->setLabel(tr("first principal axis"));
    yAxis->setLabel(tr("second principal axis"));
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    setAutoAddPlottableToLegend(false); // the legends are drawn from symbols of their own
    setMinimumSize(320, 280);
}

// The ten digits in one row of equal columns, and under them the marks.
void FeatureMapView::addLegends() {
    placeLegendBelow(this);
    legend->setWrap(10);
    for (int digit = 0; digit < 10; ++digit) {
        const QColor colour = digitColour(digit);
        legend->addItem(new SymbolLegendItem(
            legend, QCPScatterStyle(QCPScatterStyle::ssDisc, colour, colour, kLegendDot),
            QString::number(digit)));
    }
    m_marks = new QCPLegend;
    plotLayout()->addElement(plotLayout()->rowCount(), 0, m_marks);
    plotLayout()->setRowStretchFactor(plotLayout()->rowCount() - 1, 0.001);
    m_marks->setLayer(legend->layer());
    m_marks->setBrush(Qt::NoBrush);
    m_marks->setBorderPen(Qt::NoPen);
    m_marks->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    m_marks->setWrap(3);
    m_marks->addItem(new SymbolLegendItem(m_marks, misreadMark(), tr("misread")));
    m_marks->addItem(new SymbolLegendItem(m_marks, pickedMark(), tr("picked")));
    m_marks->addItem(new SymbolLegendItem(m_marks, drawingMark(), tr("your drawing")));
}

QColor digitColour(int digit) {
    // Tableau 10: distinct for most readers, including the common colour-vision deficiencies.
    static const QColor palette[] = {
        {78, 121, 167}, {242, 142, 43},  {225, 87, 89},   {118, 183, 178}, {89, 161, 79},
        {237, 201, 72}, {176, 122, 161}, {255, 157, 167}, {156, 117, 95},  {186, 176, 172}};
    return palette[std::clamp(digit, 0, 9)];
}

void FeatureMapView::setSpace(std::shared_ptr<const FeatureSpace> space) {
    m_space = std::move(space);
    clearGraphs();
    m_errors = m_drawing = m_picked = nullptr;
    if (!m_marks)
        addLegends();
    legend->setVisible(m_space != nullptr);
    m_marks->setVisible(m_space != nullptr);
    if (!m_space) {
        replot(rpQueuedReplot);
        return;
    }
    const digitpad::FeatureTable &table = m_space->testFeatures;
    const std::vector<QPointF> &points = m_space->map.points;
    QVector<QVector<double>> xs(10), ys(10);
    QVector<double> errorX, errorY;
    for (int i = 0; i < int(points.size()); ++i) {
        const int label = table.labels[std::size_t(i)];
        xs[label].append(points[std::size_t(i)].x());
        ys[label].append(points[std::size_t(i)].y());
        if (table.predicted[std::size_t(i)] != label) {
            errorX.append(points[std::size_t(i)].x());
            errorY.append(points[std::size_t(i)].y());
        }
    }
    for (int digit = 0; digit < 10; ++digit) {
        QCPGraph *graph = addGraph();
        graph->setName(QString::number(digit));
        graph->setLineStyle(QCPGraph::lsNone);
        QColor colour = digitColour(digit);
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour, colour, 3));
        graph->setData(xs[digit], ys[digit]);
    }
    m_errors = addGraph();
    m_errors->setName(tr("misread"));
    m_errors->setLineStyle(QCPGraph::lsNone);
    m_errors->setScatterStyle(misreadMark());
    m_errors->setData(errorX, errorY);
    m_picked = addGraph();
    m_picked->setName(tr("picked"));
    m_picked->setLineStyle(QCPGraph::lsNone);
    m_picked->setScatterStyle(pickedMark());
    // The star moves with every stroke: on a layer of its own, buffered, it is redrawn alone
    // instead of the 10,000 dots beneath it.
    if (!layer(QStringLiteral("drawing"))) {
        addLayer(QStringLiteral("drawing"), layer(QStringLiteral("main")), limAbove);
        layer(QStringLiteral("drawing"))->setMode(QCPLayer::lmBuffered);
    }
    m_drawing = addGraph();
    m_drawing->setLayer(QStringLiteral("drawing"));
    m_drawing->setName(tr("your drawing"));
    m_drawing->setLineStyle(QCPGraph::lsNone);
    m_drawing->setScatterStyle(drawingMark());
    rescaleAxes();
    replot(rpQueuedReplot);
}

void FeatureMapView::setDrawing(std::optional<QPointF> point) {
    if (!m_drawing)
        return;
    m_drawing->data()->clear();
    if (point)
        m_drawing->addData(point->x(), point->y());
    m_drawing->layer()->replot();
}

int FeatureMapView::sampleAt(QPoint pixel) const {
    if (!m_space)
        return -1;
    int nearest = -1;
    double best = 12.0 * 12.0;
    const std::vector<QPointF> &points = m_space->map.points;
    for (int i = 0; i < int(points.size()); ++i) {
        const double dx = xAxis->coordToPixel(points[std::size_t(i)].x()) - pixel.x();
        const double dy = yAxis->coordToPixel(points[std::size_t(i)].y()) - pixel.y();
        if (dx * dx + dy * dy < best) {
            best = dx * dx + dy * dy;
            nearest = i;
        }
    }
    return nearest;
}

void FeatureMapView::mousePressEvent(QMouseEvent *event) {
    QCustomPlot::mousePressEvent(event);
    const int index = sampleAt(event->pos());
    if (index < 0 || !m_picked)
        return;
    m_picked->data()->clear();
    const QPointF point = m_space->map.points[std::size_t(index)];
    m_picked->addData(point.x(), point.y());
    replot(rpQueuedReplot);
    Q_EMIT sampleClicked(index);
}

void FeatureMapView::mouseDoubleClickEvent(QMouseEvent *event) {
    QCustomPlot::mouseDoubleClickEvent(event);
    if (const int index = sampleAt(event->pos()); index >= 0)
        Q_EMIT sampleOpened(index);
}
