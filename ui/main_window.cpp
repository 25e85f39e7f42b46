#include "main_window.h"

#include "checkpoint.h"
#include "error.h"
#include "model_paths.h"

#include <QLabel>
#include <QStatusBar>

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent) {
    setWindowTitle(QStringLiteral("DigitPad"));
    auto *placeholder = new QLabel(tr("DigitPad"), this);
    placeholder->setAlignment(Qt::AlignCenter);
    setCentralWidget(placeholder);
    m_modelStatus = new QLabel(this);
    statusBar()->addPermanentWidget(m_modelStatus);
    try {
        m_modelStatus->setText(digitpad::readModelMetadata(digitpad::defaultModelPath()).summary());
    } catch (const digitpad::Error &error) {
        m_modelStatus->setText(error.message());
    }
    resize(900, 600);
}
