#pragma once

#include "dataset.h"
#include "label_audit.h"

#include <QList>
#include <QWidget>
#include <vector>

class QLabel;

// One suspect of the Labels page, large, with its look-alikes beside it: the digits of the same
// data set labelled as the digit it reads as, nearest first (digitpad::lookAlikes). Seen side by
// side, a 7 labelled 1 among sevens is plain to the eye, and so is a 1 that only looks odd.
class SuspectView : public QWidget {
    Q_OBJECT
  public:
    explicit SuspectView(QWidget *parent = nullptr);

    void showSuspect(const digitpad::Dataset &data, const digitpad::LabelSuspect &suspect);
    void clear();

    // The samples shown as look-alikes, nearest first, each in lookAlikeLabels() at the same
    // place.
    const std::vector<int> &lookAlikes() const { return m_lookAlikes; }
    const QList<QLabel *> &lookAlikeLabels() const { return m_lookAlikeLabels; }
    QLabel *digitLabel() const { return m_digit; }

  private:
    QLabel *m_digit;
    QLabel *m_caption;
    QLabel *m_lookAlikesCaption;
    QList<QLabel *> m_lookAlikeLabels;
    std::vector<int> m_lookAlikes;
};
