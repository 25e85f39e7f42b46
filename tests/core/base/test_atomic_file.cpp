#include "atomic_file.h"
#include "error.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace digitpad;

// Saves that cannot lose work: a file is the old one or the new one, never a mix; the reason of
// a failure is the system's; leftovers of killed writes do not pile up.
class AtomicFileTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    QStringList filesIn() const {
        return QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden, QDir::Name);
    }
    static QByteArray contents(const QString &path) {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

  private Q_SLOTS:
    void overwritingReplacesTheWholeFileAndLeavesNothingBehind() {
        const QString path = m_dir.filePath(QStringLiteral("model.dpmodel"));
        writeFileAtomically(path, QByteArray(100000, 'a'));
        writeFileAtomically(path, QByteArray("short"));
        QCOMPARE(contents(path), QByteArray("short"));
        QCOMPARE(filesIn(), QStringList{QStringLiteral("model.dpmodel")});
        QVERIFY(QFile::permissions(path) & QFile::ReadOther); // not the temporary file's 0600
    }

    void leftoversOfKilledWritesAreRemovedOnceStale() {
        const QString path = m_dir.filePath(QStringLiteral("runs.dpmodel"));
        const QString stale = path + QStringLiteral(".part-AbC123");
        const QString fresh = path + QStringLiteral(".part-XyZ789");
        for (const QString &leftover : {stale, fresh}) {
            QFile file(leftover);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("half a model");
        }
        QFile old(stale);
        QVERIFY(old.open(QIODevice::ReadWrite));
        QVERIFY(old.setFileTime(QDateTime::currentDateTime().addSecs(-3600),
                                QFileDevice::FileModificationTime));
        old.close();
        writeFileAtomically(path, QByteArray("whole"));
        QVERIFY(!QFile::exists(stale));
        QVERIFY(QFile::exists(fresh)); // may belong to a write still running
        QCOMPARE(contents(path), QByteArray("whole"));
    }

    void aFailedWriteSaysWhyAndKeepsTheOldFile() {
        const QString blocker = m_dir.filePath(QStringLiteral("not-a-folder"));
        writeFileAtomically(blocker, QByteArray("a file"));
        try {
            writeFileAtomically(blocker + QStringLiteral("/model.dpmodel"), QByteArray("x"));
            QFAIL("wrote inside a file");
        } catch (const Error &error) {
            QVERIFY2(error.message().contains(QStringLiteral("not-a-folder")),
                     qPrintable(error.message()));
        }
        QCOMPARE(contents(blocker), QByteArray("a file"));
    }
};

QTEST_GUILESS_MAIN(AtomicFileTest)
#include "test_atomic_file.moc"
