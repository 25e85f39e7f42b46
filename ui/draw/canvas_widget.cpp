#include "canvas_widget.h"

#include <QMouseEvent>
#include <QPainter>
#include <QTabletEvent>

namespace {
const QColor kPaper(Qt::white);
const QColor kInk(20, 20, 30);
} // namespace

CanvasWidget::CanvasWidget(QWidget *parent) : QWidget(parent) {
    setAttribute(Qt::WA_StaticContents);
    setCursor(Qt::CrossCursor);
    setMinimumSize(200, 200);
    setFocusPolicy(Qt::StrongFocus);
}

void CanvasWidget::setBrushWidth(qreal width) {
    m_brushWidth = qBound<qreal>(2.0, width, 80.0);
}

QImage CanvasWidget::image() const {
    return m_surface;
}

void CanvasWidget::setPicture(const QImage &picture) {
    m_picture = picture;
    m_strokes.clear();
    clearHeatOverlay();
    repaintSurface();
    Q_EMIT strokeFinished();
}

void CanvasWidget::setHeatOverlay(const QImage &heat, const QTransform &heatToCanvas) {
    m_heat = heat;
    m_heatTransform = heatToCanvas;
    update();
}

void CanvasWidget::clearHeatOverlay() {
    m_heat = QImage();
    update();
}

void CanvasWidget::setDigitBoxes(const QList<QRectF> &boxes, const QStringList &labels) {
    if (boxes == m_digitBoxes && labels == m_digitLabels)
        return;
    m_digitBoxes = boxes;
    m_digitLabels = labels;
    update();
}

void CanvasWidget::undo() {
    if (m_strokes.isEmpty())
        return;
    m_strokes.removeLast();
    clearHeatOverlay();
    repaintSurface();
    Q_EMIT strokeFinished();
}

void CanvasWidget::clear() {
    m_strokes.clear();
    m_picture = QImage();
    clearHeatOverlay();
    repaintSurface();
    Q_EMIT strokeFinished();
}

void CanvasWidget::repaintSurface() {
    const qreal ratio = devicePixelRatioF();
    m_surface = QImage(size() * ratio, QImage::Format_RGB32);
    m_surface.setDevicePixelRatio(ratio);
    m_surface.fill(kPaper);
    QPainter painter(&m_surface);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    if (!m_picture.isNull()) {
        // The picture's own corner colour fills the margins, so its paper stays one colour.
        painter.fillRect(rect(), m_picture.pixelColor(0, 0));
        const QSize fitted = m_picture.size().scaled(size(), Qt::KeepAspectRatio);
        painter.drawImage(
            QRect(QPoint((width() - fitted.width()) / 2, (height() - fitted.height()) / 2), fitted),
            m_picture);
    }
    for (const Stroke &stroke : m_strokes)
        for (int i = 0; i < stroke.points.size(); ++i)
            paintSegment(painter, stroke, i);
    update();
}

void CanvasWidget::paintSegment(QPainter &painter, const Stroke &stroke, int index) const {
    if (index == 0) { // Qt draws nothing for a zero-length line, and a tap should leave a dot
        const qreal radius = stroke.widths[0] / 2;
        painter.setPen(Qt::NoPen);
        painter.setBrush(kInk);
        painter.drawEllipse(stroke.points[0], radius, radius);
        return;
    }
    painter.setPen(QPen(kInk, stroke.widths[index], Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.drawLine(stroke.points[index - 1], stroke.points[index]);
}

void CanvasWidget::beginStroke(QPointF point, qreal width) {
    m_drawing = true;
    clearHeatOverlay();
    m_strokes.append(Stroke{{point}, {width}});
    QPainter painter(&m_surface);
    painter.setRenderHint(QPainter::Antialiasing);
    paintSegment(painter, m_strokes.last(), 0);
    update();
    Q_EMIT drawingChanged();
}

void CanvasWidget::extendStroke(QPointF point, qreal width) {
    if (!m_drawing)
        return;
    Stroke &stroke = m_strokes.last();
    if (QLineF(stroke.points.last(), point).length() < 0.5)
        return;
    stroke.points.append(point);
    stroke.widths.append(width);
    QPainter painter(&m_surface);
    painter.setRenderHint(QPainter::Antialiasing);
    paintSegment(painter, stroke, int(stroke.points.size()) - 1);
    const qreal margin = width / 2 + 2;
    update(QRectF(stroke.points[stroke.points.size() - 2], point)
               .normalized()
               .adjusted(-margin, -margin, margin, margin)
               .toAlignedRect());
    Q_EMIT drawingChanged();
}

void CanvasWidget::endStroke() {
    if (!m_drawing)
        return;
    m_drawing = false;
    Q_EMIT strokeFinished();
}

void CanvasWidget::paintEvent(QPaintEvent *event) {
    QPainter painter(this);
    painter.drawImage(event->rect(), m_surface,
                      QRectF(event->rect().topLeft() * m_surface.devicePixelRatio(),
                             event->rect().size() * m_surface.devicePixelRatio()));
    if (!m_heat.isNull()) {
        painter.save();
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        painter.setTransform(m_heatTransform);
        painter.drawImage(QRectF(0, 0, m_heat.width(), m_heat.height()), m_heat);
        painter.restore();
    }
    for (int i = 0; i < m_digitBoxes.size(); ++i) {
        const QRectF box = m_digitBoxes[i].adjusted(-4, -4, 4, 4);
        painter.setPen(QPen(QColor(30, 120, 220), 1.5, Qt::DashLine));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(box);
        if (i < m_digitLabels.size()) {
            painter.setPen(QColor(30, 120, 220));
            painter.drawText(QRectF(box.left(), box.bottom() + 2, std::max(box.width(), 80.0), 18),
                             Qt::AlignLeft | Qt::AlignTop, m_digitLabels[i]);
        }
    }
    if (isEmpty()) {
        painter.setPen(QColor(170, 170, 180));
        painter.drawText(rect(), Qt::AlignCenter, tr("Draw a digit here"));
    }
    painter.setPen(QPen(hasFocus() ? palette().highlight().color() : QColor(190, 190, 200), 1));
    painter.drawRect(rect().adjusted(0, 0, -1, -1));
}

void CanvasWidget::resizeEvent(QResizeEvent *event) {
    QWidget::resizeEvent(event);
    repaintSurface();
}

void CanvasWidget::mousePressEvent(QMouseEvent *event) {
    if (event->button() == Qt::LeftButton)
        beginStroke(event->position(), m_brushWidth);
}

void CanvasWidget::mouseMoveEvent(QMouseEvent *event) {
    if (event->buttons() & Qt::LeftButton)
        extendStroke(event->position(), m_brushWidth);
}

void CanvasWidget::mouseReleaseEvent(QMouseEvent *event) {
    if (event->button() == Qt::LeftButton)
        endStroke();
}

void CanvasWidget::tabletEvent(QTabletEvent *event) {
    // Light pressure draws at a third of the brush, full pressure at one and a half times it.
    const qreal width = m_brushWidth * (0.33 + 1.17 * event->pressure());
    switch (event->type()) {
    case QEvent::TabletPress:
        beginStroke(event->position(), width);
        break;
    case QEvent::TabletMove:
        if (event->pressure() > 0)
            extendStroke(event->position(), width);
        break;
    case QEvent::TabletRelease:
        endStroke();
        break;
    default:
        break;
    }
    event->accept(); // no synthesised mouse events: the stroke would be drawn twice
}
