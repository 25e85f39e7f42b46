#include "user_folders.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

using namespace digitpad;

// A user's files live under one lowercase spelling per XDG folder, and what earlier releases
// left under "DigitPad/DigitPad" moves there once, without overwriting or deleting anything
// that is not DigitPad's.
class UserFoldersTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_home;

    QString config() const { return m_home.filePath(QStringLiteral("config")); }
    QString cache() const { return m_home.filePath(QStringLiteral("cache")); }
    QString data() const { return m_home.filePath(QStringLiteral("data")); }

    static void write(const QString &path, const QByteArray &contents) {
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(contents);
    }
    static QByteArray contents(const QString &path) {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

  private Q_SLOTS:
    void init() {
        QVERIFY(QDir(m_home.path()).removeRecursively());
        QVERIFY(QDir().mkpath(m_home.path()));
        qputenv("XDG_CONFIG_HOME", config().toUtf8());
        qputenv("XDG_CACHE_HOME", cache().toUtf8());
        qputenv("XDG_DATA_HOME", data().toUtf8());
    }

    void eachFolderHasOneLowercaseSpelling() {
        QCOMPARE(userConfigFolder(), config() + QStringLiteral("/digitpad"));
        QCOMPARE(userSettingsFile(), config() + QStringLiteral("/digitpad/digitpad.conf"));
        QCOMPARE(userCacheFolder(), cache() + QStringLiteral("/digitpad"));
        QCOMPARE(userDataFolder(), data() + QStringLiteral("/digitpad"));
    }

    void oldSettingsAndFeatureCacheMoveAndTheOldFoldersGo() {
        write(config() + QStringLiteral("/DigitPad/DigitPad.conf"), "[draw]\nbrush=12\n");
        write(cache() + QStringLiteral("/DigitPad/DigitPad/features/abc.bin"), "features");
        moveOldUserFolders();
        QCOMPARE(contents(userSettingsFile()), QByteArray("[draw]\nbrush=12\n"));
        QCOMPARE(contents(userCacheFolder() + QStringLiteral("/features/abc.bin")),
                 QByteArray("features"));
        QVERIFY(!QFileInfo::exists(config() + QStringLiteral("/DigitPad")));
        QVERIFY(!QFileInfo::exists(cache() + QStringLiteral("/DigitPad")));
    }

    void settingsAlreadyAtTheNewPlaceAreNeverOverwritten() {
        write(config() + QStringLiteral("/DigitPad/DigitPad.conf"), "old");
        write(userSettingsFile(), "new");
        moveOldUserFolders();
        QCOMPARE(contents(userSettingsFile()), QByteArray("new"));
        QCOMPARE(contents(config() + QStringLiteral("/DigitPad/DigitPad.conf")), QByteArray("old"));
    }

    void anOldFolderHoldingSomethingElseStays() {
        write(config() + QStringLiteral("/DigitPad/DigitPad.conf"), "settings");
        write(config() + QStringLiteral("/DigitPad/notes.txt"), "not ours");
        moveOldUserFolders();
        QCOMPARE(contents(userSettingsFile()), QByteArray("settings"));
        QCOMPARE(contents(config() + QStringLiteral("/DigitPad/notes.txt")),
                 QByteArray("not ours"));
    }

    void nothingOldMovesNothingAndCreatesNothing() {
        moveOldUserFolders();
        QVERIFY(!QFileInfo::exists(userConfigFolder()));
        QVERIFY(!QFileInfo::exists(userCacheFolder()));
    }
};

QTEST_GUILESS_MAIN(UserFoldersTest)
#include "test_user_folders.moc"
