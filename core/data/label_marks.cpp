#include "label_marks.h"

#include "atomic_file.h"
#include "error.h"
#include "user_folders.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace digitpad {

namespace {
// Far more than anyone marks by hand: a larger file is not this one.
constexpr qint64 kLargestFile = qint64(64) * 1024 * 1024;
const QString kWrong = QStringLiteral("wrong"), kFine = QStringLiteral("fine");
} // namespace

QString LabelMarks::defaultPath() {
    return userDataFolder() + QStringLiteral("/label-marks.json");
}

LabelMarks::LabelMarks(const QString &path) : m_path(path) {
    if (!QFileInfo::exists(path))
        return;
    QJsonObject json;
    try {
        json = QJsonDocument::fromJson(readWholeFile(path, kLargestFile)).object();
    } catch (const Error &) {
        return;
    }
    for (auto set = json.begin(); set != json.end(); ++set) {
        const QJsonObject object = set.value().toObject();
        for (const auto &[key, verdict] :
             {std::pair{kWrong, Verdict::Wrong}, {kFine, Verdict::Fine}})
            for (const auto &index : object.value(key).toArray())
                if (index.isDouble() && index.toInt(-1) >= 0)
                    m_marks[set.key()][index.toInt()] = verdict;
    }
}

LabelMarks::Verdict LabelMarks::verdict(const QString &fingerprint, int index) const {
    return m_marks.value(fingerprint).value(index, Verdict::Unmarked);
}

int LabelMarks::count(const QString &fingerprint, Verdict verdict) const {
    int n = 0;
    for (const Verdict v : m_marks.value(fingerprint))
        n += v == verdict;
    return n;
}

void LabelMarks::mark(const QString &fingerprint, int index, Verdict verdict) {
    auto marks = m_marks;
    if (verdict == Verdict::Unmarked)
        marks[fingerprint].remove(index);
    else
        marks[fingerprint][index] = verdict;
    QJsonObject json;
    for (auto set = marks.begin(); set != marks.end(); ++set) {
        QJsonArray wrong, fine;
        for (auto at = set->begin(); at != set->end(); ++at)
            (at.value() == Verdict::Wrong ? wrong : fine).append(at.key());
        if (!wrong.isEmpty() || !fine.isEmpty())
            json.insert(set.key(), QJsonObject{{kWrong, wrong}, {kFine, fine}});
    }
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    writeFileAtomically(m_path, QJsonDocument(json).toJson(QJsonDocument::Compact));
    m_marks = std::move(marks);
}

} // namespace digitpad
