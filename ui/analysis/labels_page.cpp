#include "labels_page.h"

#include "digit_picture.h"
#include "error.h"
#include "personal_sample_fix.h"
#include "suspect_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

Q_DECLARE_METATYPE(std::shared_ptr<const digitpad::LabelAudit>)
Q_DECLARE_METATYPE(std::shared_ptr<const digitpad::Dataset>)

namespace {
constexpr int kShownAtMost = 400;
constexpr int kIndexRole = Qt::UserRole;
constexpr int kSuspectRole = Qt::UserRole + 1;

// The audit once the user has settled the suspect at `position` by fixing its sample (`deleted`:
// by deleting it, so the samples after it move up one). The other suspects keep the evidence
// they were found on; a new audit weighs the edited data afresh.
digitpad::LabelAudit withoutSuspect(digitpad::LabelAudit audit, std::size_t position,
                                    bool deleted) {
    const int index = audit.suspects[position].index;
    if (int(position) < audit.confidentSuspects)
        --audit.confidentSuspects;
    audit.suspects.erase(audit.suspects.begin() + std::ptrdiff_t(position));
    if (deleted)
        for (digitpad::LabelSuspect &suspect : audit.suspects)
            suspect.index -= suspect.index > index ? 1 : 0;
    return audit;
}
} // namespace

LabelAuditRunner::LabelAuditRunner(QObject *parent)
    : JobRunner(QStringLiteral("label audit"), parent) {
    qRegisterMetaType<std::shared_ptr<const digitpad::LabelAudit>>();
    qRegisterMetaType<std::shared_ptr<const digitpad::Dataset>>();
}

bool LabelAuditRunner::start(const std::shared_ptr<const digitpad::Dataset> &data,
                             const digitpad::LabelAuditOptions &options) {
    return startJob([this, data, options]() -> Delivery {
        digitpad::LabelAuditCallbacks callbacks;
        callbacks.onFoldStarted = [this](int fold, int folds) { Q_EMIT progress(fold - 1, folds); };
        callbacks.shouldStop = [this] { return stopRequested(); };
        const digitpad::LabelAuditRun run = digitpad::auditDatasetLabels(*data, options, callbacks);
        if (run.stopped)
            return [this] { Q_EMIT stopped(); };
        auto audit = std::make_shared<const digitpad::LabelAudit>(run.audit);
        return [this, audit, data] { Q_EMIT finished(audit, data); };
    });
}

LabelsPage::LabelsPage(QWidget *parent, const QString &marksPath)
    : QWidget(parent), m_marks(marksPath), m_start(new QPushButton(tr("Audit La&bels"))),
      m_stop(new QPushButton(tr("Stop"))), m_wrong(new QPushButton(tr("Label Is Wro&ng"))),
      m_fine(new QPushButton(tr("Label Is F&ine"))), m_verdict(new QLabel), m_list(new QListWidget),
      m_suspect(new SuspectView), m_personal(new QWidget), m_relabelAs(new QComboBox),
      m_fixLabel(new QPushButton(tr("Fix &Label"))),
      m_deleteSample(new QPushButton(tr("Delete &Sample"))) {
    m_options.cacheFolder = digitpad::defaultLabelAuditCache();
    m_start->setToolTip(tr("Read every evaluated digit with networks that never trained on it "
                           "(4-fold cross-validation) and list those whose label they doubt"));
    m_start->setEnabled(false);
    m_stop->setVisible(false);
    m_wrong->setEnabled(false);
    m_fine->setEnabled(false);
    m_verdict->setWordWrap(true);
    m_verdict->setText(tr("Evaluate a data set first, then audit its labels."));
    m_list->setViewMode(QListView::IconMode);
    m_list->setIconSize(QSize(84, 84));
    m_list->setGridSize(QSize(112, 140));
    m_list->setResizeMode(QListView::Adjust);
    m_list->setMovement(QListView::Static);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setToolTip(tr("Click a digit to see it with its look-alikes; double-click to read it "
                          "in the Draw tab"));
    for (int digit = 0; digit < digitpad::kClassCount; ++digit)
        m_relabelAs->addItem(QString::number(digit), digit);
    m_relabelAs->setToolTip(tr("The digit this sample really is"));
    m_fixLabel->setToolTip(tr("Save this sample of yours under the chosen digit instead"));
    m_deleteSample->setToolTip(tr("Remove this sample from your personal data set"));
    auto *relabel = new QHBoxLayout;
    relabel->addWidget(new QLabel(tr("Really a")));
    relabel->addWidget(m_relabelAs, 1);
    auto *personal = new QVBoxLayout(m_personal);
    personal->setContentsMargins(0, 0, 0, 0);
    personal->addLayout(relabel);
    personal->addWidget(m_fixLabel);
    personal->addWidget(m_deleteSample);
    m_personal->setVisible(false);
    auto *top = new QHBoxLayout;
    top->addWidget(m_verdict, 1);
    top->addWidget(m_start);
    top->addWidget(m_stop);
    auto *side = new QVBoxLayout;
    side->addWidget(m_suspect, 1);
    side->addWidget(m_personal);
    auto *middle = new QHBoxLayout;
    middle->addWidget(m_list, 1);
    middle->addLayout(side);
    auto *marks = new QHBoxLayout;
    marks->addStretch(1);
    marks->addWidget(m_wrong);
    marks->addWidget(m_fine);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(middle, 1);
    layout->addLayout(marks);
    connect(m_start, &QPushButton::clicked, this, &LabelsPage::audit);
    connect(m_stop, &QPushButton::clicked, &m_runner, &JobRunner::stop);
    connect(&m_runner, &LabelAuditRunner::stopped, this, [this] {
        m_stop->setVisible(false);
        m_start->setEnabled(true);
        updateButtons();
        m_verdict->setText(tr("Audit stopped: nothing kept. Ready to audit the labels of %1 "
                              "digits of %2.")
                               .arg(QLocale().toString(m_data->size()), m_data->name));
    });
    connect(m_wrong, &QPushButton::clicked, this,
            [this] { markSelected(digitpad::LabelMarks::Verdict::Wrong); });
    connect(m_fine, &QPushButton::clicked, this,
            [this] { markSelected(digitpad::LabelMarks::Verdict::Fine); });
    connect(m_fixLabel, &QPushButton::clicked, this,
            [this] { fixLabel(m_relabelAs->currentData().toInt()); });
    connect(m_deleteSample, &QPushButton::clicked, this, &LabelsPage::deleteSample);
    connect(m_list, &QListWidget::itemSelectionChanged, this, &LabelsPage::updateButtons);
    connect(m_list, &QListWidget::currentItemChanged, this, &LabelsPage::showCurrent);
    connect(m_list, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem *item) {
        Q_EMIT sampleChosen(digitPicture(m_data->image(item->data(kIndexRole).toInt())));
    });
    connect(&m_runner, &JobRunner::progress, this, [this](int done, int total) {
        m_verdict->setText(tr("Training fold %1 of %2 and reading the digits it left out...")
                               .arg(done + 1)
                               .arg(total));
    });
    connect(&m_runner, &LabelAuditRunner::finished, this, &LabelsPage::showAudit);
    connect(&m_runner, &JobRunner::failed, this, [this](const QString &reason) {
        m_verdict->setText(tr("Cannot audit: %1").arg(reason));
        m_stop->setVisible(false);
        m_start->setEnabled(true);
        updateButtons();
    });
    updateButtons();
}

void LabelsPage::setSubject(const digitpad::Dataset &data, const QString &personalFolder) {
    m_runner.stop(); // an audit of the data shown before is of no use now
    m_data = std::make_shared<const digitpad::Dataset>(data);
    m_fingerprint = data.fingerprint();
    m_personalFolder = personalFolder;
    m_personal->setVisible(!personalFolder.isEmpty());
    m_audit.reset();
    m_list->clear();
    m_start->setEnabled(!isBusy());
    m_verdict->setText(tr("Ready to audit the labels of %1 digits of %2.")
                           .arg(QLocale().toString(data.size()), data.name));
}

bool LabelsPage::audit() {
    if (!m_data || isBusy())
        return false;
    try {
        if (!m_runner.start(m_data, m_options))
            return false;
    } catch (const digitpad::Error &error) {
        m_verdict->setText(tr("Cannot audit: %1").arg(error.message()));
        return false;
    }
    m_start->setEnabled(false);
    m_stop->setVisible(true);
    m_list->clear();
    updateButtons(); // no sample is changed while the audit reads them
    m_verdict->setText(tr("Auditing %1 digits...").arg(QLocale().toString(m_data->size())));
    return true;
}

void LabelsPage::describe(QListWidgetItem *item, const digitpad::LabelSuspect &suspect) const {
    const auto verdict = m_marks.verdict(m_fingerprint, suspect.index);
    const QString mark = verdict == digitpad::LabelMarks::Verdict::Wrong  ? tr("\nmarked wrong")
                         : verdict == digitpad::LabelMarks::Verdict::Fine ? tr("\nmarked fine")
                                                                          : QString();
    // A suspect outside the confident joint is only read as another digit: a question mark says
    // so, and it comes after every confident one.
    item->setText(tr("%1 → %2%3  %4")
                      .arg(suspect.label)
                      .arg(suspect.suggested)
                      .arg(suspect.confident ? QString() : QStringLiteral("?"))
                      .arg(suspect.score, 0, 'f', 2) +
                  mark);
    item->setToolTip(tr("sample %1: labelled %2, looks like %3 (its label's probability %4, "
                        "out of sample)")
                         .arg(suspect.index)
                         .arg(suspect.label)
                         .arg(suspect.suggested)
                         .arg(suspect.selfConfidence, 0, 'f', 3));
}

void LabelsPage::showAudit(const std::shared_ptr<const digitpad::LabelAudit> &audit,
                           const std::shared_ptr<const digitpad::Dataset> &data) {
    m_stop->setVisible(false);
    m_start->setEnabled(true);
    updateButtons();
    if (data != m_data)
        return; // another data set was evaluated meanwhile: this audit's indices are not its
    m_audit = audit;
    fillList();
    const auto &suspects = audit->suspects;
    m_verdict->setText(
        suspects.empty()
            ? tr("No label of these %1 digits is in doubt.").arg(QLocale().toString(m_data->size()))
            : tr("%1 of %2 digits are probably labelled wrong, and %3 more read as another "
                 "digit (marked ?), most suspicious first: given → looks like, and how sure. Mark "
                 "each one; double-click to read it in the Draw tab.")
                  .arg(QLocale().toString(audit->confidentSuspects),
                       QLocale().toString(m_data->size()),
                       QLocale().toString(int(suspects.size()) - audit->confidentSuspects)));
    Q_EMIT audited();
}

void LabelsPage::fillList() {
    m_list->clear();
    const auto &suspects = m_audit->suspects;
    for (std::size_t k = 0; k < suspects.size() && k < std::size_t(kShownAtMost); ++k) {
        const digitpad::LabelSuspect &suspect = suspects[k];
        const QImage image = digitPicture(m_data->image(suspect.index));
        auto *item =
            new QListWidgetItem(QIcon(QPixmap::fromImage(image.scaled(84, 84))), QString());
        item->setData(kIndexRole, suspect.index);
        item->setData(kSuspectRole, int(k));
        describe(item, suspect);
        m_list->addItem(item);
    }
}

const digitpad::LabelSuspect *LabelsPage::currentSuspect() const {
    const QListWidgetItem *item = m_list->currentItem();
    if (!m_audit || !item)
        return nullptr;
    return &m_audit->suspects[std::size_t(item->data(kSuspectRole).toInt())];
}

void LabelsPage::showCurrent() {
    if (const digitpad::LabelSuspect *suspect = currentSuspect()) {
        m_suspect->showSuspect(*m_data, *suspect);
        m_relabelAs->setCurrentIndex(m_relabelAs->findData(suspect->suggested));
    } else {
        m_suspect->clear();
    }
    updateButtons();
}

void LabelsPage::updateButtons() {
    const bool any = !m_list->selectedItems().isEmpty();
    m_wrong->setEnabled(any);
    m_fine->setEnabled(any);
    const bool editable = !m_personalFolder.isEmpty() && !isBusy() && currentSuspect();
    m_relabelAs->setEnabled(editable);
    m_fixLabel->setEnabled(editable);
    m_deleteSample->setEnabled(editable);
}

bool LabelsPage::markSelected(digitpad::LabelMarks::Verdict verdict) {
    if (!m_audit)
        return false;
    try {
        for (QListWidgetItem *item : m_list->selectedItems()) {
            const auto &suspect = m_audit->suspects[std::size_t(item->data(kSuspectRole).toInt())];
            m_marks.mark(m_fingerprint, suspect.index, verdict);
            describe(item, suspect);
        }
    } catch (const digitpad::Error &error) {
        m_verdict->setText(tr("Cannot keep the mark: %1").arg(error.message()));
        return false;
    }
    return true;
}

bool LabelsPage::fixLabel(int digit) {
    const digitpad::LabelSuspect *suspect = currentSuspect();
    if (!suspect || m_personalFolder.isEmpty() || isBusy())
        return false;
    const int index = suspect->index, label = suspect->label;
    if (digit == label) {
        m_verdict->setText(tr("Sample %1 is labelled %2 already; if that is right, mark its label "
                              "fine.")
                               .arg(index)
                               .arg(label));
        return false;
    }
    try {
        showEdited(digitpad::fixPersonalLabel(m_personalFolder, *m_data, index, digit, m_marks),
                   false);
    } catch (const digitpad::Error &error) {
        m_verdict->setText(tr("Cannot fix the label: %1").arg(error.message()));
        return false;
    }
    m_verdict->setText(tr("Sample %1 is now labelled %2 (was %3) in your personal samples. "
                          "Audit again to weigh the others against it.")
                           .arg(index)
                           .arg(digit)
                           .arg(label));
    return true;
}

bool LabelsPage::deleteSample() {
    const digitpad::LabelSuspect *suspect = currentSuspect();
    if (!suspect || m_personalFolder.isEmpty() || isBusy())
        return false;
    const int index = suspect->index, label = suspect->label;
    try {
        showEdited(digitpad::deletePersonalSample(m_personalFolder, *m_data, index, m_marks), true);
    } catch (const digitpad::Error &error) {
        m_verdict->setText(tr("Cannot delete the sample: %1").arg(error.message()));
        return false;
    }
    m_verdict->setText(tr("Sample %1 (labelled %2) is deleted from your personal samples; "
                          "the ones after it moved up one.")
                           .arg(index)
                           .arg(label));
    return true;
}

void LabelsPage::showEdited(const digitpad::Dataset &edited, bool deleted) {
    const int row = m_list->currentRow();
    const auto position = std::size_t(m_list->currentItem()->data(kSuspectRole).toInt());
    m_data = std::make_shared<const digitpad::Dataset>(edited);
    m_fingerprint = m_data->fingerprint();
    m_audit =
        std::make_shared<const digitpad::LabelAudit>(withoutSuspect(*m_audit, position, deleted));
    fillList();
    // The next suspect takes the settled one's place, ready to be judged.
    m_list->setCurrentRow(std::min(row, m_list->count() - 1));
    showCurrent();
    Q_EMIT personalSamplesEdited();
}
