#pragma once

#include "dataset.h"
#include "job_runner.h"
#include "label_audit.h"
#include "label_audit_run.h"
#include "label_marks.h"

#include <QWidget>
#include <memory>

class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;

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
// most suspicious first, as a gallery (given -> suggested, score). Each can be marked "label is
// wrong" or "label is fine" (remembered per data set); double-clicking one reads it in the Draw
// tab.
class LabelsPage : public QWidget {
    Q_OBJECT
  public:
    explicit LabelsPage(QWidget *parent = nullptr,
                        const QString &marksPath = digitpad::LabelMarks::defaultPath());

    // What the next audit reads: the data just evaluated.
    void setSubject(const digitpad::Dataset &data);
    // How audits run (by default: cached in the user's cache folder).
    void setAuditOptions(const digitpad::LabelAuditOptions &options) { m_options = options; }
    bool audit();
    bool isBusy() const { return m_runner.isRunning(); }
    void waitUntilIdle() { m_runner.waitUntilIdle(); }
    const digitpad::LabelAudit *lastAudit() const { return m_audit.get(); }
    QListWidget *suspectList() const { return m_list; }
    // Marks the selected suspects; false (and a message) when the marks cannot be saved.
    bool markSelected(digitpad::LabelMarks::Verdict verdict);

  Q_SIGNALS:
    void sampleChosen(const QImage &digit);
    void audited();

  private:
    void showAudit(const std::shared_ptr<const digitpad::LabelAudit> &audit,
                   const std::shared_ptr<const digitpad::Dataset> &data);
    void describe(QListWidgetItem *item, const digitpad::LabelSuspect &suspect) const;

    LabelAuditRunner m_runner;
    digitpad::LabelMarks m_marks;
    digitpad::LabelAuditOptions m_options;
    std::shared_ptr<const digitpad::Dataset> m_data;
    QString m_fingerprint;
    std::shared_ptr<const digitpad::LabelAudit> m_audit;
    QPushButton *m_start;
    QPushButton *m_stop;
    QPushButton *m_wrong;
    QPushButton *m_fine;
    QLabel *m_verdict;
    QListWidget *m_list;
};
