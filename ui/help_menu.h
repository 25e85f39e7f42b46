#pragma once

#include <QList>
#include <QString>
#include <functional>
#include <utility>

class QMainWindow;

// The Help menu a desktop application keeps: the keyboard shortcuts, About DigitPad and About Qt.
// `describeModel` says which model is in use when About is opened.
void addHelpMenu(QMainWindow *window, const std::function<QString()> &describeModel);

// Every shortcut the window's actions and buttons offer, as (what it does, keys) in the order
// they were made; a mnemonic (Alt+letter) is not listed. What the shortcuts dialog shows.
QList<std::pair<QString, QString>> windowShortcuts(const QMainWindow &window);
