#include "main_window.h"

#include <QApplication>

int main(int argc, char *argv[]) {
    QApplication application(argc, argv);
    QApplication::setApplicationName(QStringLiteral("DigitPad"));
    QApplication::setOrganizationName(QStringLiteral("DigitPad"));
    QApplication::setApplicationVersion(QStringLiteral(DIGITPAD_VERSION));
    MainWindow window;
    window.show();
    return application.exec();
}
