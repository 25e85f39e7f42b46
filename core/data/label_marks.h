#pragma once

#include <QHash>
#include <QString>

namespace digitpad {

// What a user decided about suspicious labels (digitpad-cli labels, the Analysis tab's Labels
// page): per data set fingerprint, the samples whose label is wrong and those whose label is
// fine. Kept as JSON in one file (by default ~/.local/share/digitpad/label-marks.json), written
// atomically on every change.
class LabelMarks {
  public:
    enum class Verdict { Unmarked, Wrong, Fine };

    // Reads the file; a missing or damaged one reads as no marks (a damaged one is replaced at
    // the next change).
    explicit LabelMarks(const QString &path = defaultPath());
    static QString defaultPath();

    Verdict verdict(const QString &fingerprint, int index) const;
    // Throws digitpad::Error when the file cannot be written; the mark is then not kept.
    void mark(const QString &fingerprint, int index, Verdict verdict);
    int count(const QString &fingerprint, Verdict verdict) const;

  private:
    QString m_path;
    QHash<QString, QHash<int, Verdict>> m_marks;
};

} // namespace digitpad
