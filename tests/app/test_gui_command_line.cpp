// The GUI program's command line, as a terminal user or a file manager meets it: --help and
// --version answer on stdout without a window, a missing display is said plainly, and what is
// not a picture to open is a usage error.
#include <QProcess>
#include <QProcessEnvironment>
#include <QtTest>

namespace {
struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run runGui(const QStringList &arguments, const QProcessEnvironment &environment) {
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(DIGITPAD_GUI_PATH), arguments);
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

// A session without any display, as over ssh or in a container.
QProcessEnvironment withoutDisplay() {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        environment.remove(QString::fromLatin1(name));
    return environment;
}
} // namespace

class GuiCommandLineTest : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void versionAndHelpAnswerOnStdoutWithoutADisplay_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        QTest::newRow("--version") << QStringList{"--version"} << "digitpad " DIGITPAD_VERSION;
        QTest::newRow("-V") << QStringList{"-V"} << "digitpad " DIGITPAD_VERSION;
        QTest::newRow("--help") << QStringList{"--help"} << "Usage: digitpad [FILE]";
        QTest::newRow("-h after a file") << QStringList{"seven.png", "-h"} << "Usage: digitpad";
    }
    void versionAndHelpAnswerOnStdoutWithoutADisplay() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        const Run run = runGui(arguments, withoutDisplay());
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith(expected), qPrintable(run.out));
        QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
    }

    void noDisplayIsSaidPlainly() {
        const Run run = runGui({}, withoutDisplay());
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("no display")), qPrintable(run.err));
        QVERIFY2(!run.err.contains(QStringLiteral("Reinstalling")), qPrintable(run.err));
    }

    void twoFilesOrAnUnknownOptionAreUsageErrors_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("reason");
        QTest::newRow("two files") << QStringList{"a.png", "b.png"} << "one picture at a time";
        QTest::newRow("unknown option") << QStringList{"--frobnicate"} << "unknown option";
    }
    void twoFilesOrAnUnknownOptionAreUsageErrors() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, reason);
        QProcessEnvironment environment = withoutDisplay();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        const Run run = runGui(arguments, environment);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(reason) && run.err.contains(QStringLiteral("Usage: digitpad")),
                 qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(GuiCommandLineTest)
#include "test_gui_command_line.moc"
