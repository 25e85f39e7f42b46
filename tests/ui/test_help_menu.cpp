// The Help menu: its keyboard-shortcuts dialog lists what the window really offers, and About
// names the version and the model in use.
#include "help_menu.h"
#include "main_window.h"
#include "session.h"

#include <QAction>
#include <QDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

class HelpMenuTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_personal;
    QTemporaryDir m_runs;

    static QAction *helpAction(const QMainWindow &window, const QString &text) {
        for (QAction *menu : window.menuBar()->actions())
            if (menu->text() == QLatin1String("&Help"))
                for (QAction *action : menu->menu()->actions())
                    if (action->text() == text)
                        return action;
        return nullptr;
    }

  private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void shortcutsDialogListsTheWindowsShortcuts() {
        Session session({m_personal.path(), m_runs.path()});
        MainWindow window(&session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QAction *shortcuts = helpAction(window, QStringLiteral("&Keyboard Shortcuts"));
        QVERIFY(shortcuts);
        shortcuts->trigger();
        auto *dialog = window.findChild<QDialog *>(QStringLiteral("keyboardShortcuts"));
        QVERIFY(dialog && dialog->isVisible());
        shortcuts->trigger(); // again: the same list comes forward, not a second one
        QCOMPARE(window.findChildren<QDialog *>(QStringLiteral("keyboardShortcuts")).size(), 1);
        auto *table = dialog->findChild<QTableView *>();
        QVERIFY(table);
        QStringList rows;
        for (int row = 0; row < table->model()->rowCount(); ++row)
            rows << table->model()->index(row, 0).data().toString() + QStringLiteral(" = ") +
                        table->model()->index(row, 1).data().toString();
        const QString native = QKeySequence(QKeySequence::Open).toString(QKeySequence::NativeText);
        QVERIFY2(rows.contains(QStringLiteral("Open Image = ") + native),
                 qPrintable(rows.join('\n')));
        QVERIFY2(rows.contains(QStringLiteral("Inside the Network = Ctrl+I")),
                 qPrintable(rows.join('\n')));
        QVERIFY2(rows.contains(QStringLiteral("Keyboard Shortcuts = Ctrl+/")),
                 qPrintable(rows.join('\n')));
        // Alt+letters are underlined where they are, not listed.
        for (const QString &row : rows)
            QVERIFY2(!row.contains(QStringLiteral("= Alt+")), qPrintable(row));
        // Every row is a shortcut the window has; none is listed twice.
        QCOMPARE(rows.size(), int(windowShortcuts(window).size()));
        QCOMPARE(QSet<QString>(rows.begin(), rows.end()).size(), rows.size());
    }

    void aboutNamesTheVersionAndTheModel() {
        Session session({m_personal.path(), m_runs.path()});
        MainWindow window(&session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QString shown;
        QTimer::singleShot(0, &window, [&] {
            for (QWidget *widget : QApplication::topLevelWidgets())
                if (auto *box = qobject_cast<QMessageBox *>(widget); box && box->isVisible()) {
                    shown = box->text();
                    box->accept();
                }
        });
        QAction *about = helpAction(window, QStringLiteral("&About DigitPad"));
        QVERIFY(about);
        about->trigger(); // modal: returns once the timer has closed it
        QVERIFY2(shown.contains(QStringLiteral("DigitPad " DIGITPAD_VERSION)), qPrintable(shown));
        QVERIFY2(shown.contains(QStringLiteral("MIT")), qPrintable(shown));
        QVERIFY2(shown.contains(QStringLiteral("Model in use: ")) ||
                     shown.contains(QStringLiteral("No model is loaded")),
                 qPrintable(shown));
    }
};

QTEST_MAIN(HelpMenuTest)
#include "test_help_menu.moc"
