#include "run_history.h"

#include "model_history.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {
enum Column { Compare, Date, Architecture, Accuracy, Duration, Data, ColumnCount };
constexpr int kPathRole = Qt::UserRole;

QString duration(double seconds) {
    const int whole = int(std::lround(seconds));
    return whole >= 60 ? QStringLiteral("%1 min %2 s")
                             .arg(whole / 60)
                             .arg(whole % 60, 2, 10, QLatin1Char('0'))
                       : QStringLiteral("%1 s").arg(whole);
}
} // namespace

RunHistory::RunHistory(QWidget *parent)
    : QWidget(parent), m_table(new QTableWidget), m_use(new QPushButton) {
    m_table->setColumnCount(ColumnCount);
    m_table->setHorizontalHeaderLabels(
        {tr("Compare"), tr("Date"), tr("Network"), tr("Validation"), tr("Took"), tr("Samples")});
    m_table->horizontalHeaderItem(Compare)->setToolTip(
        tr("Tick runs to draw their validation curves with the live run's"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setToolTip(tr("Double-click a run to make its model the live one"));
    m_use->setText(tr("Use This Model"));
    m_use->setEnabled(false);
    connect(m_use, &QPushButton::clicked, this, &RunHistory::chooseSelected);
    // A double-click on a tick box is a quick untick and tick, not a wish to swap models.
    connect(m_table, &QTableWidget::itemDoubleClicked, this, [this](QTableWidgetItem *item) {
        if (item->column() != Compare)
            chooseSelected();
    });
    connect(m_table, &QTableWidget::itemChanged, this, &RunHistory::noteCompareBox);
    connect(m_table, &QTableWidget::itemSelectionChanged, this,
            [this] { m_use->setEnabled(!m_table->selectedItems().isEmpty()); });

    auto *title = new QHBoxLayout;
    title->addWidget(new QLabel(tr("<b>Earlier runs</b>")));
    title->addStretch();
    title->addWidget(m_use);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(title);
    layout->addWidget(m_table);
}

void RunHistory::setFolder(const QString &folder) {
    m_folder = folder;
    refresh();
}

void RunHistory::refresh() {
    m_runs = digitpad::listTrainingRuns(m_folder);
    m_table->setRowCount(int(m_runs.size()));
    for (int row = 0; row < int(m_runs.size()); ++row) {
        const digitpad::SavedModel &run = m_runs[std::size_t(row)];
        const digitpad::ModelMetadata &metadata = run.metadata;
        const bool fineTuned = !metadata.parentModel.isEmpty();
        const QString cells[ColumnCount] = {
            QString(), // a tick box
            metadata.createdAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")),
            fineTuned ? tr("%1 (fine-tuned)").arg(metadata.architecture) : metadata.architecture,
            QStringLiteral("%1%").arg(metadata.validationAccuracy * 100, 0, 'f', 2),
            duration(metadata.trainSeconds),
            QLocale().toString(metadata.trainSamples),
        };
        QString toolTip = tr("%1\ntrained on %2").arg(run.path, metadata.datasetName);
        if (fineTuned)
            toolTip += QLatin1Char('\n') + tr("fine-tuned from %1").arg(metadata.parentModel);
        for (int column = 0; column < ColumnCount; ++column) {
            auto *item = new QTableWidgetItem(cells[column]);
            item->setData(kPathRole, run.path);
            item->setToolTip(toolTip);
            if (column == Compare) {
                item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
                item->setCheckState(m_comparedPaths.contains(run.path) ? Qt::Checked
                                                                       : Qt::Unchecked);
            }
            m_table->setItem(row, column, item);
        }
    }
    setCurrentPath(m_currentPath);
}

int RunHistory::runCount() const {
    return m_table->rowCount();
}

QString RunHistory::pathAt(int row) const {
    const QTableWidgetItem *item = m_table->item(row, 0);
    return item ? item->data(kPathRole).toString() : QString();
}

void RunHistory::setCurrentPath(const QString &path) {
    m_currentPath = path;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const bool current = pathAt(row) == path;
        for (int column = 0; column < ColumnCount; ++column) {
            QFont font = m_table->item(row, column)->font();
            font.setBold(current);
            m_table->item(row, column)->setFont(font);
        }
    }
    m_table->resizeColumnsToContents(); // bold text is wider
}

std::vector<digitpad::SavedModel> RunHistory::comparedRuns() const {
    std::vector<digitpad::SavedModel> compared;
    for (const digitpad::SavedModel &run : m_runs)
        if (m_comparedPaths.contains(run.path))
            compared.push_back(run);
    return compared;
}

void RunHistory::setCompared(const QString &path, bool compared) {
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (pathAt(row) == path)
            m_table->item(row, Compare)->setCheckState(compared ? Qt::Checked : Qt::Unchecked);
}

void RunHistory::noteCompareBox(QTableWidgetItem *item) {
    if (item->column() != Compare)
        return;
    const QString path = item->data(kPathRole).toString();
    const bool compared = item->checkState() == Qt::Checked;
    // itemChanged also comes for fonts (setCurrentPath) and for refresh()'s restored ticks;
    // only a box that now disagrees with what is remembered was ticked or unticked.
    if (compared == m_comparedPaths.contains(path))
        return;
    if (compared)
        m_comparedPaths.insert(path);
    else
        m_comparedPaths.remove(path);
    Q_EMIT comparisonChanged();
}

void RunHistory::chooseSelected() {
    const QList<QTableWidgetItem *> selected = m_table->selectedItems();
    if (!selected.isEmpty())
        Q_EMIT modelChosen(selected.first()->data(kPathRole).toString());
}
