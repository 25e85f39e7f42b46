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
    if (!m_image.isNull()) {
        // Square input pixels, no smoothing; several digits' inputs sit side by side.
        const QSize fitted = m_image.size().scaled(rect().size(), Qt::KeepAspectRatio);
        const QRect target(rect().center() - QPoint(fitted.width() / 2, fitted.height() / 2),
                           fitted);
        painter.drawImage(target, m_image);
    }
    painter.setPen(QColor(90, 90, 90));
    painter.drawRect(rect().adjusted(0, 0, -1, -1));
}
