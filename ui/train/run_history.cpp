#include "run_history.h"

#include "run_history_model.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

RunHistory::RunHistory(QWidget *parent)
    : QWidget(parent), m_runs(new RunHistoryModel(this)), m_table(new QTableView),
      m_use(new QPushButton) {
    m_table->setModel(m_runs);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    // Every column as wide as its widest cell (the bold run's too), the last one taking what is
    // left: no column is cut and no scroll bar shows while the pane is wide enough.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setToolTip(tr("Double-click a run to make its model the live one"));
    m_use->setText(tr("Use This Model"));
    m_use->setEnabled(false);
    connect(m_use, &QPushButton::clicked, this, &RunHistory::chooseSelected);
    // A double-click on a tick box is a quick untick and tick, not a wish to swap models.
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.column() != RunHistoryModel::Compare)
            chooseSelected();
    });
    connect(m_runs, &RunHistoryModel::comparisonChanged, this, &RunHistory::comparisonChanged);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_use->setEnabled(m_table->selectionModel()->hasSelection()); });
    // A new list clears the selection without a selectionChanged.
    connect(m_runs, &QAbstractItemModel::modelReset, this, [this] { m_use->setEnabled(false); });

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
    m_runs->setRuns(digitpad::listTrainingRuns(m_folder));
}

int RunHistory::runCount() const {
    return m_runs->rowCount();
}

QString RunHistory::pathAt(int row) const {
    return m_runs->pathAt(row);
}

void RunHistory::setCurrentPath(const QString &path) {
    m_runs->setCurrentPath(path);
}

std::vector<digitpad::SavedModel> RunHistory::comparedRuns() const {
    return m_runs->comparedRuns();
}

void RunHistory::setCompared(const QString &path, bool compared) {
    for (int row = 0; row < m_runs->rowCount(); ++row)
        if (m_runs->pathAt(row) == path)
            m_runs->setData(m_runs->index(row, RunHistoryModel::Compare),
                            compared ? Qt::Checked : Qt::Unchecked, Qt::CheckStateRole);
}

void RunHistory::chooseSelected() {
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    if (!selected.isEmpty())
        Q_EMIT modelChosen(m_runs->pathAt(selected.first().row()));
}
