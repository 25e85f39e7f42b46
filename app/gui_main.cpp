#include "main_window.h"
#include "session.h"

#include <QApplication>
#include <QIcon>

int main(int argc, char *argv[]) {
    QApplication application(argc, argv);
    QApplication::setApplicationName(QStringLiteral("DigitPad"));
    QApplication::setOrganizationName(QStringLiteral("DigitPad"));
    QApplication::setApplicationVersion(QStringLiteral(DIGITPAD_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.digitpad.DigitPad"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/digitpad/icon.png")));
    Session session;
    MainWindow window(&session);
    window.show();
    return application.exec();
}
