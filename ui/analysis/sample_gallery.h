#pragma once

#include "dataset.h"
#include "sample_outcome.h"

#include <QWidget>
#include <vector>

class QLabel;
class QListWidget;

// The samples of one confusion-matrix cell, most confident first, each with its true label,
// the reading and the confidence. Double-clicking one sends it to the Draw tab.
class SampleGallery : public QWidget {
    Q_OBJECT
  public:
    explicit SampleGallery(QWidget *parent = nullptr);

    void showSamples(const digitpad::Dataset &dataset, const digitpad::Outcomes &outcomes,
                     const std::vector<int> &members, const QString &title);
    void clear();
    std::vector<int> shownSamples() const { return m_members; }

  Q_SIGNALS:
    void sampleChosen(const QImage &digit);

  private:
    QLabel *m_title;
    QListWidget *m_list;
    std::vector<int> m_members;
    std::vector<QImage> m_images;
};
