#include "checkpoint.h"
#include "idx_file.h"
#include "model_paths.h"
#include "personal_samples.h"
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

    // A remembered or default model file that cannot be read (corrupt, hostile, foreign) is
    // skipped with its reason, and the next candidate is used: DigitPad always starts.
    void aBadRememberedOrDefaultModelFallsBackAndSaysWhy() {
        const QString bad = m_folders.filePath(QStringLiteral("remembered.dpmodel"));
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray("DIGITPAD-MODEL\n\x02") + QByteArray(64, '\xff'));
        file.close();
        {
            Session session(folders());
            session.remember(QStringLiteral("model"), QStringLiteral("path"), bad);
        }
        qputenv("DIGITPAD_MODEL", bad.toLocal8Bit()); // the user's default is as bad
        Session session(folders());
        QString problems;
        const bool restored = session.restoreModel(&problems);
        qunsetenv("DIGITPAD_MODEL");
        QVERIFY2(problems.contains(QStringLiteral("remembered.dpmodel")), qPrintable(problems));
        // The bundled model is used when the build has one (the sanitize tree does not).
        QCOMPARE(restored, QFileInfo::exists(digitpad::bundledDefaultModelPath()));
        QCOMPARE(session.modelPath() != bad, true);
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

    // A sample deleted or relabelled in place (the Labels page works on the files) shows in the
    // session's count once it reloads, and every tab is told.
    void samplesChangedInPlaceAreReadAgainAndAnnounced() {
        const QString folder = m_folders.filePath(QStringLiteral("edited"));
        Session session({folder, m_folders.filePath(QStringLiteral("runs"))});
        ModelInput input{};
        input[14 * 28 + 14] = 1.0f;
        QString error;
        for (int digit : {3, 5})
            QVERIFY2(session.addPersonalSample(input, digit, &error), qPrintable(error));
        PersonalSamples(folder).remove(0);
        QCOMPARE(session.personalSampleCount(), 2); // not yet read again
        QSignalSpy changed(&session, &Session::personalSamplesChanged);
        session.reloadPersonalSamples();
        QCOMPARE(session.personalSampleCount(), 1);
        QCOMPARE(changed.count(), 1);
        // The next sample saved goes after the one left, not after the deleted one.
        QVERIFY2(session.addPersonalSample(input, 7, &error), qPrintable(error));
        const Dataset stored = PersonalSamples(folder).samples();
        QCOMPARE(stored.size(), 2);
        QCOMPARE(int(stored.labels[0]), 5);
        QCOMPARE(int(stored.labels[1]), 7);
    }

    // A personal-samples file of another size (say 20x20, or absurdly large) used to crash the
    // GUI at start: now it is a problem the Draw tab shows.
    void personalSamplesOfAnotherSizeAreRefusedWithTheReason() {
        QTemporaryDir folder;
        writeIdxImages(
            folder.filePath(QStringLiteral("personal-images-idx3-ubyte")),
            IdxImages{3, 20, 20, std::vector<std::uint8_t>(std::size_t(3 * 20) * 20, 7)});
        writeIdxLabels(folder.filePath(QStringLiteral("personal-labels-idx1-ubyte")),
                       IdxLabels{{1, 2, 3}});
        Session session({folder.path(), folders().runs});
        QCOMPARE(session.personalSampleCount(), 0);
        QVERIFY2(session.personalProblem().contains(QStringLiteral("20x20")),
                 qPrintable(session.personalProblem()));
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
        session.noteRunFiled(trained, QStringLiteral("/somewhere/run.dpmodel"), true);
        QCOMPARE(runs.count(), 1);
        QCOMPARE(model.count(), 1);
        QCOMPARE(session.modelPath(), QStringLiteral("/somewhere/run.dpmodel"));
        // A run kept out of use (worse than the live model) is still announced.
        session.noteRunFiled(trained, QStringLiteral("/somewhere/worse.dpmodel"), false);
        QCOMPARE(runs.count(), 2);
        QCOMPARE(model.count(), 1);
        QCOMPARE(session.modelPath(), QStringLiteral("/somewhere/run.dpmodel"));
    }

    // Every tab reads with a copy of the session's model on a thread of its own, cloning
    // nothing: so the session keeps weights that whoever handed the model over cannot change.
    void theLiveModelIsASnapshotOfItsOwn() {
        Session session(folders());
        const Classifier handed = loadModel(QStringLiteral(DIGITPAD_DEFAULT_MODEL_PATH));
        session.setModel(handed, QStringLiteral("/somewhere/run.dpmodel"));
        QVERIFY(&session.model().impl() != &handed.impl());
        const Classifier copy = session.model();
        QCOMPARE(&copy.impl(), &session.model().impl());
    }
};

QTEST_MAIN(SessionTest)
#include "test_session.moc"
