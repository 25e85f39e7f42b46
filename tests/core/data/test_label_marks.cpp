// A user's verdicts on suspicious labels survive a restart, and a damaged file loses nothing
// else.
#include "error.h"
#include "label_marks.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace digitpad;
using Verdict = LabelMarks::Verdict;

class LabelMarksTest : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void marksAreKeptPerDataSetAcrossRestarts() {
        QTemporaryDir dir;
        const QString path = dir.filePath("sub/label-marks.json");
        {
            LabelMarks marks(path);
            marks.mark("aaaa", 7, Verdict::Wrong);
            marks.mark("aaaa", 9, Verdict::Fine);
            marks.mark("bbbb", 7, Verdict::Fine);
            marks.mark("aaaa", 9, Verdict::Unmarked); // changed their mind
        }
        const LabelMarks again(path);
        QCOMPARE(again.verdict("aaaa", 7), Verdict::Wrong);
        QCOMPARE(again.verdict("aaaa", 9), Verdict::Unmarked);
        QCOMPARE(again.verdict("bbbb", 7), Verdict::Fine);
        QCOMPARE(again.verdict("cccc", 7), Verdict::Unmarked);
        QCOMPARE(again.count("aaaa", Verdict::Wrong), 1);
        QCOMPARE(again.count("aaaa", Verdict::Fine), 0);
    }

    void aDamagedFileReadsAsNoMarksAndIsReplaced() {
        QTemporaryDir dir;
        const QString path = dir.filePath("label-marks.json");
        for (const QByteArray &damage :
             {QByteArray("{\"aaaa\": {\"wrong\": [1, -4, \"x\", 2.5e99"),
              QByteArray("\x00\xff garbage", 10), QByteArray("[1, 2, 3]")}) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(damage);
            file.close();
            LabelMarks marks(path);
            QCOMPARE(marks.verdict("aaaa", 1), Verdict::Unmarked);
            marks.mark("aaaa", 3, Verdict::Wrong);
            QCOMPARE(LabelMarks(path).verdict("aaaa", 3), Verdict::Wrong);
        }
    }

    void aFileThatCannotBeWrittenKeepsNoMark() {
        QTemporaryDir dir;
        QFile blocker(dir.filePath("file"));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        LabelMarks marks(dir.filePath("file/label-marks.json")); // a folder that is a file
        QVERIFY_THROWS_EXCEPTION(Error, marks.mark("aaaa", 1, Verdict::Wrong));
        QCOMPARE(marks.verdict("aaaa", 1), Verdict::Unmarked);
    }
};

QTEST_APPLESS_MAIN(LabelMarksTest)
#include "test_label_marks.moc"
