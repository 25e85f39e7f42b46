#pragma once

#include <QWidget>

class QComboBox;
class QLineEdit;
class QPushButton;
class Session;

// Which data to use: a choice of named sources, one of which may be "an IDX folder" with a
// folder field and a Browse button (enabled only for that choice). Shared by the Train form and
// the Analysis tab, so both offer, word and remember a data choice the same way.
class DataSourcePicker : public QWidget {
    Q_OBJECT
  public:
    explicit DataSourcePicker(QWidget *parent = nullptr);

    void addSource(const QString &key, const QString &label, const QString &toolTip = {});
    // The source read from a folder the user picks.
    void addFolderSource(const QString &key, const QString &label);

    QString sourceKey() const;
    void setSourceKey(const QString &key);
    // The chosen folder, trimmed; empty unless the folder source is chosen.
    QString folder() const;
    void setFolder(const QString &folder);
    bool folderChosen() const;
    // Why the choice cannot be used yet (a folder source without a folder), or empty.
    QString problem() const;

    // Remembers the choice under `prefix` (e.g. "data" and "folder" in the caller's group).
    void saveSettings(Session &session, const QString &group, const QString &prefix) const;
    void loadSettings(const Session &session, const QString &group, const QString &prefix);

  Q_SIGNALS:
    void changed();

  private:
    void chooseFolder();
    void updateFolderField();

    QComboBox *m_source;
    QLineEdit *m_folder;
    QPushButton *m_browse;
    QString m_folderKey;
};
