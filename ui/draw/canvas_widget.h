#pragma once

#include <QImage>
#include <QList>
#include <QWidget>

// A drawing pad, after Qt's scribble and tablet examples: it owns the strokes and the surface
// they are painted on. Mouse strokes have the brush width; tablet strokes scale it by pressure.
// Undo removes the last stroke; an opened picture becomes the paper under the strokes.
class CanvasWidget : public QWidget {
    Q_OBJECT
  public:
    explicit CanvasWidget(QWidget *parent = nullptr);

    // What the model reads: the paper (white, or the opened picture) with every stroke on it.
    QImage image() const;
    bool isEmpty() const { return m_strokes.isEmpty() && m_picture.isNull(); }
    int strokeCount() const { return int(m_strokes.size()); }

    qreal brushWidth() const { return m_brushWidth; }
    void setBrushWidth(qreal width);
    void setPicture(const QImage &picture);
    // A picture laid over the drawing, and the map from its pixels to the canvas's.
    void setHeatOverlay(const QImage &heat, const QTransform &heatToCanvas);
    void clearHeatOverlay();
    const QImage &heatOverlay() const { return m_heat; }
    const QTransform &heatOverlayTransform() const { return m_heatTransform; }
    // Boxes around the digits of a number, each with a label; empty to clear.
    void setDigitBoxes(const QList<QRectF> &boxes, const QStringList &labels);

    QSize sizeHint() const override { return {420, 420}; }

  public Q_SLOTS:
    void undo();
    void clear();

  Q_SIGNALS:
    void drawingChanged(); // while a stroke is being drawn (many times a second)
    void strokeFinished(); // a stroke ended, was undone, or the canvas was cleared or replaced

  protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void tabletEvent(QTabletEvent *event) override;

  private:
    struct Stroke {
        QList<QPointF> points;
        QList<qreal> widths;
    };
    void beginStroke(QPointF point, qreal width);
    void extendStroke(QPointF point, qreal width);
    void endStroke();
    void paintSegment(QPainter &painter, const Stroke &stroke, int index) const;
    void repaintSurface();

    QList<QRectF> m_digitBoxes;
    QStringList m_digitLabels;
    QImage m_surface; // device pixels, so strokes stay sharp on HiDPI screens
    QImage m_picture;
    QList<Stroke> m_strokes;
    bool m_drawing = false;
    qreal m_brushWidth = 22.0;
    QImage m_heat;
    QTransform m_heatTransform;
};
