#pragma once

#include <QImage>
#include <QWidget>

// The 28x28 image the model reads, magnified with visible pixels.
class InputPreview : public QWidget {
    Q_OBJECT
  public:
    explicit InputPreview(QWidget *parent = nullptr);
    void setImage(const QImage &image);
    const QImage &image() const { return m_image; }
    QSize sizeHint() const override { return {168, 168}; }

  protected:
    void paintEvent(QPaintEvent *event) override;

  private:
    QImage m_image;
};
