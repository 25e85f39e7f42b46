#include "filter_history.h"

#include "activation_pictures.h"

#include <QLabel>
#include <QVBoxLayout>

FilterHistory::FilterHistory(QWidget *parent)
    : QScrollArea(parent), m_rows(new QVBoxLayout), m_hint(new QLabel) {
    auto *content = new QWidget;
    content->setLayout(m_rows);
    m_hint->setText(tr("The first layer's filters appear here after each epoch of a run."));
    m_hint->setWordWrap(true);
    m_rows->addWidget(m_hint);
    m_rows->addStretch(1);
    setWidget(content);
    setWidgetResizable(true);
}

void FilterHistory::startRun() {
    while (m_rows->count() > 2) { // keeps the hint and the stretch
        QLayoutItem *item = m_rows->takeAt(1);
        delete item->widget();
        delete item;
    }
    m_shown = 0;
}

void FilterHistory::addEpoch(int epoch, const digitpad::FilterBank &filters) {
    auto *caption = new QLabel(tr("After epoch %1: %2, %3 filters of %4x%5")
                                   .arg(epoch)
                                   .arg(filters.layer)
                                   .arg(filters.count)
                                   .arg(filters.width)
                                   .arg(filters.height));
    auto *picture = new QLabel;
    // MLP input weights are 28x28 each: smaller cells keep a row on screen.
    picture->setPixmap(QPixmap::fromImage(filterPicture(filters, filters.height > 10 ? 28 : 36)));
    m_rows->insertWidget(m_rows->count() - 1, caption);
    m_rows->insertWidget(m_rows->count() - 1, picture);
    ++m_shown;
}
