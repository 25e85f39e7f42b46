#include "data_source_picker.h"

#include "session.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

DataSourcePicker::DataSourcePicker(QWidget *parent)
    : QWidget(parent), m_source(new QComboBox), m_folder(new QLineEdit),
      m_browse(new QPushButton(tr("Browse..."))) {
    m_source->setObjectName(QStringLiteral("dataSource"));
    m_folder->setObjectName(QStringLiteral("dataFolder"));
    m_folder->setPlaceholderText(tr("Folder with the MNIST files or an idx3/idx1 pair"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_source);
    layout->addWidget(m_folder, 1);
    layout->addWidget(m_browse);
    connect(m_browse, &QPushButton::clicked, this, &DataSourcePicker::chooseFolder);
    connect(m_source, &QComboBox::currentIndexChanged, this, [this] {
        updateFolderField();
        Q_EMIT changed();
    });
    connect(m_folder, &QLineEdit::textChanged, this, &DataSourcePicker::changed);
    updateFolderField();
}

void DataSourcePicker::addSource(const QString &key, const QString &label, const QString &toolTip) {
    m_source->addItem(label, key);
    if (!toolTip.isEmpty())
        m_source->setItemData(m_source->count() - 1, toolTip, Qt::ToolTipRole);
    updateFolderField();
}

void DataSourcePicker::addFolderSource(const QString &key, const QString &label) {
    m_folderKey = key;
    addSource(key, label, tr("Any IDX data set: the four MNIST files, or one idx3/idx1 pair"));
}

QString DataSourcePicker::sourceKey() const {
    return m_source->currentData().toString();
}

void DataSourcePicker::setSourceKey(const QString &key) {
    const int index = m_source->findData(key);
    if (index >= 0)
        m_source->setCurrentIndex(index);
}

bool DataSourcePicker::folderChosen() const {
    return !m_folderKey.isEmpty() && sourceKey() == m_folderKey;
}

QString DataSourcePicker::folder() const {
    return folderChosen() ? m_folder->text().trimmed() : QString();
}

void DataSourcePicker::setFolder(const QString &folder) {
    m_folder->setText(folder);
}

QString DataSourcePicker::problem() const {
    if (folderChosen() && folder().isEmpty())
        return tr("data: choose the IDX folder");
    return {};
}

void DataSourcePicker::saveSettings(Session &session, const QString &group,
                                    const QString &prefix) const {
    session.remember(group, prefix, sourceKey());
    session.remember(group, prefix + QStringLiteral("Folder"), m_folder->text());
}

void DataSourcePicker::loadSettings(const Session &session, const QString &group,
                                    const QString &prefix) {
    setSourceKey(session.setting(group, prefix).toString());
    m_folder->setText(session.setting(group, prefix + QStringLiteral("Folder")).toString());
}

void DataSourcePicker::chooseFolder() {
    const QString chosen =
        QFileDialog::getExistingDirectory(this, tr("IDX data folder"), m_folder->text());
    if (chosen.isEmpty())
        return;
    m_folder->setText(chosen);
    setSourceKey(m_folderKey);
}

// The folder's path shows only once a folder is the source: squeezed beside the other sources'
// names it read "F...".
void DataSourcePicker::updateFolderField() {
    const bool offered = !m_folderKey.isEmpty();
    m_folder->setVisible(offered && folderChosen());
    m_browse->setVisible(offered);
}
