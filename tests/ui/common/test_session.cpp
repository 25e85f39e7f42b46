#include "checkpoint.h"
#include "session.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace digitpad;

// The session owns what the tabs share and says when it changes.
class SessionTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_folders;

    Session::Folders folders() const {
        return {m_folders.filePath(QStringLiteral("personal")),
                m_folders.filePath(QStringLiteral("runs"))};
    }

  private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void loadingAModelMakesItLiveAndRemembersIt() {
        Session session(folders());
        QSignalSpy changed(&session, &Session::modelChanged);
        QString error;
        QVERIFY2(session.loadModel(QStringLiteral(DIGITPAD_DEFAULT_MODEL_PATH), &error),
                 qPrintable(error));
        QCOMPARE(changed.count(), 1);
        QVERIFY(!session.model().isNull());
        QCOMPARE(session.modelPath(), QStringLiteral(DIGITPAD_DEFAULT_MODEL_PATH));
        QCOMPARE(session.setting(QStringLiteral("model"), QStringLiteral("path")).toString(),
                 QStringLiteral(DIGITPAD_DEFAULT_MODEL_PATH));
    }

    void aBadModelFileKeepsTheLiveModelAndSaysWhy() {
        Session session(folders());
        QVERIFY(session.loadModel(QStringLiteral(DIGITPAD_DEFAULT_MODEL_PATH), nullptr));
        const QString bad = m_folders.filePath(QStringLiteral("bad.dpmodel"));
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a model at all");
        file.close();
        QSignalSpy changed(&session, &Session::modelChanged);
        QString error;
        QVERIFY(!session.loadModel(bad, &error));
        QVERIFY(!error.isEmpty());
        QCOMPARE(changed.count(), 0);
        QCOMPARE(session.modelPath(), QStringLiteral(DIGITPAD_DEFAULT_MODEL_PATH));
    }

    void personalSamplesAreCountedAndAnnounced() {
        Session session(folders());
        QSignalSpy changed(&session, &Session::personalSamplesChanged);
        const int before = session.personalSampleCount();
        ModelInput input{};
        input[14 * 28 + 14] = 1.0f;
        QString error;
        QVERIFY2(session.addPersonalSample(input, 4, &error), qPrintable(error));
        QCOMPARE(session.personalSampleCount(), before + 1);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(Session(folders()).personalSampleCount(), before + 1); // on disk
    }

    void anUnusablePersonalFolderIsAProblemNotACrash() {
        const QString notAFolder = m_folders.filePath(QStringLiteral("file"));
        QFile file(notAFolder);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        Session session({notAFolder + QStringLiteral("/personal"), folders().runs});
        ModelInput input{};
        QString error;
        QVERIFY(!session.addPersonalSample(input, 1, &error));
        QVERIFY(!error.isEmpty());
    }

    void aFiledRunBecomesLiveAndIsAnnounced() {
        Session session(folders());
        QSignalSpy runs(&session, &Session::runsChanged);
        QSignalSpy model(&session, &Session::modelChanged);
        const Classifier trained = loadModel(QStringLiteral(DIGITPAD_DEFAULT_MODEL_PATH));
        session.noteRunFiled(trained, QStringLiteral("/somewhere/run.dpmodel"));
        QCOMPARE(runs.count(), 1);
        QCOMPARE(model.count(), 1);
        QCOMPARE(session.modelPath(), QStringLiteral("/somewhere/run.dpmodel"));
    }
};

QTEST_MAIN(SessionTest)
#include "test_session.moc"
