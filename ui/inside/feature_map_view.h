#pragma once

#include "qcustomplot_include.h"

#include <QPointF>
#include <memory>
#include <optional>

struct FeatureSpace;

// The map of all test digits in the network's feature space: one dot per digit coloured by its
// true label, errors ringed, and the current drawing as a star that follows the pen. Clicking
// picks the nearest digit; double-clicking opens it.
class FeatureMapView : public QCustomPlot {
    Q_OBJECT
  public:
    explicit FeatureMapView(QWidget *parent = nullptr);

    void setSpace(std::shared_ptr<const FeatureSpace> space);
    void setDrawing(std::optional<QPointF> point);
    // The test digit nearest to a point of the plot's widget, or -1 (nothing within 12 px).
    int sampleAt(QPoint pixel) const;

  Q_SIGNALS:
    void sampleClicked(int index);
    void sampleOpened(int index);

  protected:
    void mousePressEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;

  private:
    void addLegends();

    std::shared_ptr<const FeatureSpace> m_space;
    QCPLegend *m_marks = nullptr; // the legend of the marks, under the digits' (`legend`)
    QCPGraph *m_errors = nullptr;
    QCPGraph *m_drawing = nullptr;
    QCPGraph *m_picked = nullptr;
};

// The ten digits' colours (a qualitative palette), shared by the map and its legend.
QColor digitColour(int digit);
