#include "sample_gallery.h"

#include "digit_picture.h"

#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

namespace {
constexpr int kCellShownAtMost = 400; // a cell of the diagonal can hold thousands
} // namespace

SampleGallery::SampleGallery(QWidget *parent)
    : QWidget(parent), m_title(new QLabel), m_list(new QListWidget) {
    m_list->setViewMode(QListView::IconMode);
    m_list->setIconSize(QSize(56, 56));
    m_list->setGridSize(QSize(84, 96));
    m_list->setResizeMode(QListView::Adjust);
    m_list->setMovement(QListView::Static);
    m_list->setToolTip(tr("Double-click a digit to read it in the Draw tab"));
    connect(m_list, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem *item) {
        Q_EMIT sampleChosen(m_images[std::size_t(m_list->row(item))]);
    });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_list);
    clear();
}

void SampleGallery::clear() {
    m_list->clear();
    m_members.clear();
    m_images.clear();
    m_title->setText(tr("Click a cell of the matrix to see its samples"));
}

void SampleGallery::showSamples(const digitpad::Dataset &dataset,
                                const digitpad::Outcomes &outcomes, const std::vector<int> &members,
                                const QString &title) {
    clear();
    m_members = members;
    m_title->setText(
        members.size() > std::size_t(kCellShownAtMost)
            ? tr("%1: %2 samples, the %3 most confident shown")
                  .arg(title)
                  .arg(members.size())
                  .arg(kCellShownAtMost)
            : tr("%1: %2 sample(s), most confident first").arg(title).arg(members.size()));
    for (std::size_t i = 0; i < members.size() && i < std::size_t(kCellShownAtMost); ++i) {
        const digitpad::SampleOutcome &outcome = outcomes[std::size_t(members[i])];
        const QImage image = digitPicture(dataset.image(members[i]));
        m_images.push_back(image);
        auto *item = new QListWidgetItem(QIcon(QPixmap::fromImage(image.scaled(56, 56))),
                                         tr("%1→%2 %3%")
                                             .arg(outcome.label)
                                             .arg(outcome.predicted)
                                             .arg(outcome.confidence * 100, 0, 'f', 0));
        item->setToolTip(tr("sample %1: true %2, read as %3 with %4% confidence")
                             .arg(members[i])
                             .arg(outcome.label)
                             .arg(outcome.predicted)
                             .arg(outcome.confidence * 100, 0, 'f', 1));
        m_list->addItem(item);
    }
}
