#include "main_window.h"
#include "session.h"
#include "user_folders.h"

#include <QApplication>
#include <QIcon>
#include <QSettings>
#include <cstdio>
#include <cstring>
#include <optional>

namespace {

const char kUsage[] = "Usage: digitpad [FILE]\n"
                      "Draw a digit and watch a neural network read it; train and audit models.\n"
                      "\n"
                      "  FILE           a picture to read on the Draw tab (PNG, JPEG, BMP, ...)\n"
                      "  -h, --help     show this help\n"
                      "  -V, --version  show the version\n"
                      "\n"
                      "For scripts and servers: digitpad-cli --help\n";

// --help and --version are answered before QApplication exists, which would need a display
// (and would open no window anyway).
std::optional<int> answerWithoutWindow(int argc, char *argv[]) {
    for (int i = 1; i < argc; ++i) {
        const char *argument = argv[i];
        if (std::strcmp(argument, "-h") == 0 || std::strcmp(argument, "--help") == 0) {
            std::fputs(kUsage, stdout);
            return 0;
        }
        if (std::strcmp(argument, "-V") == 0 || std::strcmp(argument, "--version") == 0) {
            std::printf("digitpad %s\n", DIGITPAD_VERSION);
            return 0;
        }
    }
    return std::nullopt;
}

// Without a display Qt aborts with advice to reinstall; say what is missing instead. A platform
// chosen by QT_QPA_PLATFORM (offscreen, vnc, ...) needs none.
bool hasDisplay() {
    return !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") ||
           !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
}

} // namespace

int main(int argc, char *argv[]) {
    if (const std::optional<int> answered = answerWithoutWindow(argc, argv))
        return *answered;
    if (!hasDisplay()) {
        std::fputs("digitpad: no display to open the window on (DISPLAY and WAYLAND_DISPLAY are "
                   "unset): run it in a desktop session, or use digitpad-cli\n",
                   stderr);
        return 1;
    }
    QApplication application(argc, argv);
    QApplication::setApplicationName(QStringLiteral("DigitPad"));
    QApplication::setOrganizationName(QStringLiteral("DigitPad"));
    QApplication::setApplicationVersion(QStringLiteral(DIGITPAD_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.digitpad.DigitPad"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/digitpad/icon.png")));
    digitpad::moveOldUserFolders();
    // Qt's file dialogs remember their history in a QtProject.conf of their own: keep it in
    // DigitPad's folder rather than loose in the user's configuration folder.
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, digitpad::userConfigFolder());
    const QStringList files = QApplication::arguments().mid(1);
    if (files.size() > 1 || (!files.isEmpty() && files.front().startsWith(QLatin1Char('-')))) {
        std::fprintf(stderr, "digitpad: %s\n%s",
                     files.size() > 1 ? "one picture at a time" : "unknown option", kUsage);
        return 2;
    }
    Session session;
    MainWindow window(&session);
    window.show();
    if (!files.isEmpty())
        window.openImageFile(files.front()); // a file it cannot read says so in the window
    return application.exec();
}
