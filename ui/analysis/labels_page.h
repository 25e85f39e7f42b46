#pragma once

#include "dataset.h"
#include "job_runner.h"
#include "label_audit.h"
#include "label_audit_run.h"
#include "label_marks.h"

#include <QWidget>
#include <memory>

class QComboBox;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;
class SuspectView;

// Audits a data set's labels on its own thread (digitpad::auditDatasetLabels), cached per data
// set in the user's cache folder.
class LabelAuditRunner : public JobRunner {
    Q_OBJECT
  public:
    explicit LabelAuditRunner(QObject *parent = nullptr);
    bool start(const std::shared_ptr<const digitpad::Dataset> &data,
               const digitpad::LabelAuditOptions &options);

  Q_SIGNALS:
    // `data` is the set that was audited, as handed to start().
    void finished(const std::shared_ptr<const digitpad::LabelAudit> &audit,
                  const std::shared_ptr<const digitpad::Dataset> &data);
    void stopped();
};

// The Analysis tab's "Labels" page: the evaluated data's digits whose label is probably wrong,
// most suspicious first, as a gallery (given -> suggested, score). Clicking one shows it large
// with its look-alikes; each can be marked "label is wrong" or "label is fine" (remembered per
// data set); double-clicking one reads it in the Draw tab. The user's own samples can be fixed
// in place: relabelled or deleted.
class LabelsPage : public QWidget {
    Q_OBJECT
  public:
    explicit LabelsPage(QWidget *parent = nullptr,
                        const QString &marksPath = digitpad::LabelMarks::defaultPath());

    // What the next audit reads: the data just evaluated. `personalFolder` is non-empty when
    // `data` is the personal samples kept there, which can then be fixed in place.
    void setSubject(const digitpad::Dataset &data, const QString &personalFolder = QString());
    // How audits run (by default: cached in the user's cache folder).
    void setAuditOptions(const digitpad::LabelAuditOptions &options) { m_options = options; }
    bool audit();
    bool isBusy() const { return m_runner.isRunning(); }
    void waitUntilIdle() { m_runner.waitUntilIdle(); }
    const digitpad::LabelAudit *lastAudit() const { return m_audit.get(); }
    QListWidget *suspectList() const { return m_list; }
    SuspectView *suspectView() const { return m_suspect; }
    QComboBox *relabelField() const { return m_relabelAs; }
    QPushButton *fixLabelButton() const { return m_fixLabel; }
    QPushButton *deleteSampleButton() const { return m_deleteSample; }
    // Marks the selected suspects; false (and a message) when the marks cannot be saved.
    bool markSelected(digitpad::LabelMarks::Verdict verdict);
    // The personal sample shown large gets the label `digit`, or is deleted, in its files; false
    // (and a message) when there is none or the files cannot be changed.
    bool fixLabel(int digit);
    bool deleteSample();

  Q_SIGNALS:
    void sampleChosen(const QImage &digit);
    void audited();
    // A personal sample was relabelled or deleted in its files.
    void personalSamplesEdited();

  private:
    void showAudit(const std::shared_ptr<const digitpad::LabelAudit> &audit,
                   const std::shared_ptr<const digitpad::Dataset> &data);
    void fillList();
    void describe(QListWidgetItem *item, const digitpad::LabelSuspect &suspect) const;
    void showCurrent();
    void updateButtons();
    const digitpad::LabelSuspect *currentSuspect() const;
    // After the current suspect's sample was fixed (or `deleted`) and m_data became `edited`:
    // the page shows the edited data, that suspect gone.
    void showEdited(const digitpad::Dataset &edited, bool deleted);

    LabelAuditRunner m_runner;
    digitpad::LabelMarks m_marks;
    digitpad::LabelAuditOptions m_options;
    std::shared_ptr<const digitpad::Dataset> m_data;
    QString m_fingerprint;
    QString m_personalFolder;
    std::shared_ptr<const digitpad::LabelAudit> m_audit;
    QPushButton *m_start;
    QPushButton *m_stop;
    QPushButton *m_wrong;
    QPushButton *m_fine;
    QLabel *m_verdict;
    QListWidget *m_list;
    SuspectView *m_suspect;
    QWidget *m_personal;
    QComboBox *m_relabelAs;
    QPushButton *m_fixLabel;
    QPushButton *m_deleteSample;
};
