#include "input_preview.h"

#include <QPainter>

InputPreview::InputPreview(QWidget *parent) : QWidget(parent) {
    setFixedSize(168, 168);
    setToolTip(tr("What the model sees: the 28x28 input after preprocessing"));
}

void InputPreview::setImage(const QImage &image) {
    m_image = image;
    update();
}

void InputPreview::paintEvent(QPaintEvent *) {
    QPainter painter(this);
    painter.fillRect(rect(), Qt::black);
    if (!m_image.isNull())
        painter.drawImage(rect(), m_image); // no smoothing: each input pixel stays a square
    painter.setPen(QColor(90, 90, 90));
    painter.drawRect(rect().adjusted(0, 0, -1, -1));
}
