#include "main_window.h"

#include "analysis_tab.h"
#include "canvas_widget.h"
#include "checkpoint.h"
#include "draw_tab.h"
#include "error.h"
#include "model_paths.h"
#include "preprocess.h"
#include "train_tab.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QImageReader>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_drawTab(new DrawTab), m_trainTab(new TrainTab),
      m_analysisTab(new AnalysisTab), m_modelStatus(new QLabel) {
    setWindowTitle(QStringLiteral("DigitPad"));
    setAcceptDrops(true);
    auto *tabs = new QTabWidget;
    tabs->addTab(m_drawTab, tr("&Draw"));
    tabs->addTab(m_trainTab, tr("T&rain"));
    tabs->addTab(m_analysisTab, tr("&Analysis"));
    setCentralWidget(tabs);
    statusBar()->addPermanentWidget(m_modelStatus);
    const auto showMessage = [this](const QString &text) { statusBar()->showMessage(text, 5000); };
    connect(m_drawTab, &DrawTab::message, this, showMessage);
    connect(m_trainTab, &TrainTab::message, this, showMessage);
    connect(m_analysisTab, &AnalysisTab::message, this, showMessage);
    connect(m_analysisTab, &AnalysisTab::sendToDraw, this, [this, tabs](const QImage &digit) {
        m_drawTab->openPicture(digit);
        tabs->setCurrentWidget(m_drawTab);
    });
    connect(m_trainTab, &TrainTab::modelTrained, this, &MainWindow::setModel);
    connect(m_trainTab, &TrainTab::modelChosen, this, &MainWindow::loadModelFile);
    // The Draw tab may have gained corrections since the Train tab was last shown.
    connect(tabs, &QTabWidget::currentChanged, this, [this] {
        m_trainTab->setPersonalSamples(m_drawTab->personalFolder(),
                                       m_drawTab->personalSampleCount());
    });
    m_trainTab->setPersonalSamples(m_drawTab->personalFolder(), m_drawTab->personalSampleCount());
    m_analysisTab->setPersonalFolder(m_drawTab->personalFolder());
    buildMenus();
    restoreSettings();
}

void MainWindow::buildMenus() {
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(QIcon::fromTheme(QStringLiteral("document-open")), tr("&Open Image..."),
                    QKeySequence::Open, this, &MainWindow::openImage);
    file->addSeparator();
    file->addAction(tr("&Load Model..."), QKeySequence(tr("Ctrl+L")), this,
                    &MainWindow::loadModelDialog);
    file->addAction(tr("&Save Model As..."), QKeySequence::SaveAs, this,
                    &MainWindow::saveModelDialog);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = edit->addAction(tr("&Undo Stroke"), m_drawTab->canvas(), &CanvasWidget::undo);
    undo->setShortcutVisibleInContextMenu(true);
    undo->setShortcut(QKeySequence::Undo);
    undo->setShortcutContext(Qt::WidgetShortcut); // the Draw tab's own shortcut does the work
    QAction *clear =
        edit->addAction(tr("&Clear Canvas"), m_drawTab->canvas(), &CanvasWidget::clear);
    clear->setShortcut(QKeySequence(Qt::Key_Escape));
    clear->setShortcutContext(Qt::WidgetShortcut);
}

void MainWindow::restoreSettings() {
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1100, 680);
    if (settings.contains(QStringLiteral("draw/brush")))
        m_drawTab->setBrushWidth(settings.value(QStringLiteral("draw/brush")).toInt());
    m_drawTab->setExplaining(settings.value(QStringLiteral("draw/explain"), false).toBool());

    const QString remembered = settings.value(QStringLiteral("model/path")).toString();
    if (!remembered.isEmpty() && QFileInfo::exists(remembered) && loadModelFile(remembered))
        return;
    const QString fallback = digitpad::defaultModelPath();
    if (!loadModelFile(fallback))
        m_modelStatus->setText(
            tr("No model: train one with digitpad-cli or load one (File > Load Model)"));
}

void MainWindow::closeEvent(QCloseEvent *event) {
    if (m_trainTab->isTraining())
        statusBar()->showMessage(tr("Stopping training..."));
    m_trainTab->shutDown(); // within one batch; a run that did not finish writes nothing
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("draw/brush"), m_drawTab->brushWidth());
    settings.setValue(QStringLiteral("draw/explain"), m_drawTab->explaining());
    settings.setValue(QStringLiteral("model/path"), m_modelPath);
    event->accept();
}

void MainWindow::setModel(const digitpad::Classifier &model, const QString &origin) {
    m_modelPath = origin;
    m_drawTab->setModel(model);
    m_trainTab->setCurrentModelPath(origin);
    m_analysisTab->setModel(model, origin);
    m_modelStatus->setText(tr("Model: %1").arg(model.metadata().summary()));
    m_modelStatus->setToolTip(origin);
}

bool MainWindow::loadModelFile(const QString &path) {
    try {
        setModel(digitpad::loadModel(path), path);
        return true;
    } catch (const digitpad::Error &error) {
        if (isVisible())
            showError(tr("Cannot load the model"), error.message());
        else
            statusBar()->showMessage(error.message());
        return false;
    }
}

bool MainWindow::openImageFile(const QString &path) {
    try {
        m_drawTab->openPicture(digitpad::loadImageFile(path));
        statusBar()->showMessage(tr("Reading %1").arg(QFileInfo(path).fileName()), 4000);
        return true;
    } catch (const digitpad::Error &error) {
        showError(tr("Cannot open the image"), error.message());
        return false;
    }
}

void MainWindow::openImage() {
    QStringList patterns;
    for (const QByteArray &format : QImageReader::supportedImageFormats())
        patterns << QStringLiteral("*.") + QString::fromLatin1(format);
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Image"), QString(),
                                                      tr("Images (%1)").arg(patterns.join(' ')));
    if (!path.isEmpty())
        openImageFile(path);
}

void MainWindow::loadModelDialog() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Load Model"), digitpad::userModelsDirectory(), tr("DigitPad models (*.dpmodel)"));
    if (!path.isEmpty())
        loadModelFile(path);
}

void MainWindow::saveModelDialog() {
    if (m_drawTab->model().isNull())
        return showError(tr("Nothing to save"), tr("No model is loaded."));
    QDir().mkpath(digitpad::userModelsDirectory());
    QString path =
        QFileDialog::getSaveFileName(this, tr("Save Model As"), digitpad::userModelsDirectory(),
                                     tr("DigitPad models (*.dpmodel)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1String(".dpmodel")))
        path += QStringLiteral(".dpmodel");
    try {
        digitpad::saveModel(m_drawTab->model(), path);
        m_modelPath = path;
        statusBar()->showMessage(tr("Model saved to %1").arg(path), 5000);
    } catch (const digitpad::Error &error) {
        showError(tr("Cannot save the model"), error.message());
    }
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event) {
    if (event->mimeData()->hasUrls() || event->mimeData()->hasImage())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event) {
    const QMimeData *data = event->mimeData();
    if (data->hasImage()) {
        m_drawTab->openPicture(qvariant_cast<QImage>(data->imageData()));
    } else if (data->hasUrls() && data->urls().first().isLocalFile()) {
        openImageFile(data->urls().first().toLocalFile());
    }
    event->acceptProposedAction();
}

void MainWindow::showError(const QString &title, const QString &message) {
    QMessageBox::warning(this, title, message);
}
