#include "suspect_view.h"

#include "digit_picture.h"
#include "look_alikes.h"

#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace {
// Whole multiples of the stored 28 pixels, so that every stored pixel is a square of one size.
constexpr int kLargeSide = 168;
constexpr int kLookAlikeSide = 56;
constexpr int kLookAlikeColumns = 3;
constexpr int kLookAlikeCount = 6; // two rows: enough to see the digit's usual shapes

QPixmap scaledPicture(const std::uint8_t *pixels, int side) {
    // Sharp pixels, not smoothed ones: a label is judged by the strokes as they are stored.
    return QPixmap::fromImage(digitPicture(pixels).scaled(side, side));
}
} // namespace

SuspectView::SuspectView(QWidget *parent)
    : QWidget(parent), m_digit(new QLabel), m_caption(new QLabel), m_lookAlikesCaption(new QLabel) {
    m_digit->setFixedSize(kLargeSide, kLargeSide);
    m_digit->setFrameShape(QFrame::StyledPanel);
    m_digit->setAlignment(Qt::AlignCenter);
    m_caption->setWordWrap(true);
    m_lookAlikesCaption->setWordWrap(true);
    auto *grid = new QGridLayout;
    grid->setSpacing(4);
    for (int k = 0; k < kLookAlikeCount; ++k) {
        auto *label = new QLabel;
        label->setFixedSize(kLookAlikeSide, kLookAlikeSide);
        label->setVisible(false);
        grid->addWidget(label, k / kLookAlikeColumns, k % kLookAlikeColumns);
        m_lookAlikeLabels.append(label);
    }
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_digit, 0, Qt::AlignHCenter);
    layout->addWidget(m_caption);
    layout->addWidget(m_lookAlikesCaption);
    layout->addLayout(grid);
    layout->addStretch(1);
    setFixedWidth(kLookAlikeColumns * (kLookAlikeSide + 4) + kLargeSide / 2);
    clear();
}

void SuspectView::clear() {
    m_digit->clear();
    m_digit->setText(tr("Click a digit\nto see it here\nwith its look-alikes"));
    m_caption->clear();
    m_lookAlikesCaption->clear();
    m_lookAlikes.clear();
    for (QLabel *label : std::as_const(m_lookAlikeLabels)) {
        label->clear();
        label->setVisible(false);
    }
}

void SuspectView::showSuspect(const digitpad::Dataset &data,
                              const digitpad::LabelSuspect &suspect) {
    m_digit->setPixmap(scaledPicture(data.image(suspect.index), kLargeSide));
    m_caption->setText(tr("Sample %1, labelled %2, reads as %3.")
                           .arg(suspect.index)
                           .arg(suspect.label)
                           .arg(suspect.suggested));
    m_lookAlikes = digitpad::lookAlikes(data, suspect.index, suspect.suggested, kLookAlikeCount);
    m_lookAlikesCaption->setText(
        m_lookAlikes.empty()
            ? tr("No other digit of this data set is labelled %1.").arg(suspect.suggested)
            : tr("Labelled %1 here and nearest to it:").arg(suspect.suggested));
    for (int k = 0; k < m_lookAlikeLabels.size(); ++k) {
        QLabel *label = m_lookAlikeLabels[k];
        const bool used = std::size_t(k) < m_lookAlikes.size();
        label->setVisible(used);
        if (!used) {
            label->clear();
            continue;
        }
        const int sample = m_lookAlikes[std::size_t(k)];
        label->setPixmap(scaledPicture(data.image(sample), kLookAlikeSide));
        label->setToolTip(
            tr("sample %1, labelled %2").arg(sample).arg(data.labels[std::size_t(sample)]));
    }
}
