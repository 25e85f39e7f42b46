#include "main_window.h"

#include "analysis_tab.h"
#include "canvas_widget.h"
#include "draw_tab.h"
#include "error.h"
#include "help_menu.h"
#include "inside_tab.h"
#include "model_paths.h"
#include "preprocess.h"
#include "session.h"
#include "train_tab.h"
#include "window_placement.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QImageReader>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QStatusBar>
#include <QTabWidget>

namespace {
const QSize kInsideSize(1000, 660); // its layers' grids and the map side by side
const QString kInsideGroup = QStringLiteral("inside");
const QString kInsideGeometry = QStringLiteral("geometry");
} // namespace

MainWindow::MainWindow(Session *session, QWidget *parent)
    : QMainWindow(parent), m_session(session), m_drawTab(new DrawTab(session)),
      m_trainTab(new TrainTab(session)), m_analysisTab(new AnalysisTab(session)),
      m_insideTab(new InsideTab(session)), m_insideDock(new QDockWidget(tr("Inside the Network"))),
      m_modelStatus(new QLabel) {
    setWindowTitle(QStringLiteral("DigitPad"));
    setAcceptDrops(true);
    auto *tabs = new QTabWidget;
    tabs->addTab(m_drawTab, tr("&Draw"));
    tabs->addTab(m_trainTab, tr("T&rain"));
    tabs->addTab(m_analysisTab, tr("&Analysis"));
    setCentralWidget(tabs);
    // Beside the canvas rather than a tab of its own, so that its layers follow the pen; it
    // starts as a window of its own and can be docked.
    m_insideDock->setObjectName(QStringLiteral("insideDock")); // for saveState
    m_insideDock->setWidget(m_insideTab);
    addDockWidget(Qt::RightDockWidgetArea, m_insideDock);
    m_insideDock->setFloating(true);
    m_insideDock->resize(kInsideSize);
    m_insideDock->hide();
    // Opened the first time, it goes where it was left, else beside this window; closed, it
    // remembers where that was.
    connect(m_insideDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (!m_insideDock->isFloating())
            return;
        if (visible && !m_insidePlaced) {
            m_insidePlaced = true;
            if (!m_insideDock->restoreGeometry(
                    m_session->setting(kInsideGroup, kInsideGeometry).toByteArray()))
                placeInsideBesideCanvas();
        } else if (!visible && m_insidePlaced) {
            rememberInsideGeometry();
        }
    });
    statusBar()->addPermanentWidget(m_modelStatus);
    const auto showMessage = [this](const QString &text) { statusBar()->showMessage(text, 5000); };
    connect(m_drawTab, &DrawTab::message, this, showMessage);
    connect(m_trainTab, &TrainTab::message, this, showMessage);
    connect(m_analysisTab, &AnalysisTab::message, this, showMessage);
    connect(m_insideTab, &InsideTab::message, this, showMessage);
    const auto sendToDraw = [this, tabs](const QImage &digit) {
        m_drawTab->openPicture(digit);
        tabs->setCurrentWidget(m_drawTab);
    };
    connect(m_analysisTab, &AnalysisTab::sendToDraw, this, sendToDraw);
    connect(m_drawTab, &DrawTab::fineTuneRequested, m_trainTab, &TrainTab::startFineTune);
    connect(m_trainTab, &TrainTab::runningChanged, m_drawTab, &DrawTab::setTrainingBusy);
    connect(m_insideTab, &InsideTab::sendToDraw, this, sendToDraw);
    // The Inside view follows the drawing the Draw tab reads.
    connect(m_drawTab, &DrawTab::outcomeShown, this, [this](const PredictionOutcome &outcome) {
        if (outcome.error.isEmpty())
            m_insideTab->inspect(outcome.modelInput);
    });
    connect(m_session, &Session::modelChanged, this, &MainWindow::showModelStatus);
    buildMenus();

    if (!restoreGeometry(
            m_session->setting(QStringLiteral("window"), QStringLiteral("geometry")).toByteArray()))
        resize(1100, 680);
    restoreState(
        m_session->setting(QStringLiteral("window"), QStringLiteral("state")).toByteArray());
    if (m_session->model().isNull()) {
        QString problems;
        m_session->restoreModel(&problems);
        if (!problems.isEmpty())
            statusBar()->showMessage(problems, 15000);
    }
    showModelStatus();
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
    file->addAction(tr("Use the &Bundled Model"), this, &MainWindow::useBundledModel);
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

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *inside = m_insideDock->toggleViewAction();
    inside->setText(tr("&Inside the Network"));
    inside->setShortcut(QKeySequence(tr("Ctrl+I")));
    inside->setToolTip(
        tr("Layers, filters, look-alikes and a map of all digits, for your drawing"));
    view->addAction(inside);

    addHelpMenu(this, [this] {
        return m_session->model().isNull()
                   ? tr("No model is loaded.")
                   : tr("Model in use: %1 (%2)")
                         .arg(m_session->model().metadata().summary(), m_session->modelPath());
    });
}

// Beside this window where the screen has room, else where it hides the least of the canvas, and
// then of the reading beside it: the layers are there to be watched while drawing.
void MainWindow::placeInsideBesideCanvas() {
    const auto onScreen = [](const QWidget *widget) {
        return QRect(widget->mapToGlobal(QPoint(0, 0)), widget->size());
    };
    const QSize frame = m_insideDock->frameGeometry().size() - m_insideDock->size();
    const QRect place = placeBeside(screen()->availableGeometry(), frameGeometry(),
                                    {onScreen(m_drawTab->canvas()), onScreen(m_drawTab)},
                                    kInsideSize + frame, m_insideDock->minimumSizeHint() + frame);
    m_insideDock->move(place.topLeft());
    m_insideDock->resize(place.size() - frame);
}

void MainWindow::rememberInsideGeometry() {
    m_session->remember(kInsideGroup, kInsideGeometry, m_insideDock->saveGeometry());
}

void MainWindow::closeEvent(QCloseEvent *event) {
    if (m_trainTab->isTraining())
        statusBar()->showMessage(tr("Stopping training..."));
    m_trainTab->shutDown(); // within one batch; a run that did not finish writes nothing
    if (m_insideDock->isFloating() && m_insideDock->isVisible())
        rememberInsideGeometry();
    m_session->remember(QStringLiteral("window"), QStringLiteral("geometry"), saveGeometry());
    m_session->remember(QStringLiteral("window"), QStringLiteral("state"), saveState());
    event->accept();
}

void MainWindow::showModelStatus() {
    if (m_session->model().isNull()) {
        m_modelStatus->setText(
            tr("No model: train one with digitpad-cli or load one (File > Load Model)"));
        return;
    }
    m_modelStatus->setText(tr("Model: %1").arg(m_session->model().metadata().summary()));
    m_modelStatus->setToolTip(m_session->modelPath());
}

bool MainWindow::loadModelFile(const QString &path) {
    QString error;
    if (m_session->loadModel(path, &error))
        return true;
    showError(tr("Cannot load the model"), error);
    return false;
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

void MainWindow::useBundledModel() {
    QString error;
    if (m_session->useBundledModel(&error))
        statusBar()->showMessage(
            tr("Using the bundled model: %1").arg(m_session->model().metadata().summary()), 5000);
    else
        showError(tr("Cannot load the bundled model"), error);
}

void MainWindow::saveModelDialog() {
    if (m_session->model().isNull())
        return showError(tr("Nothing to save"), tr("No model is loaded."));
    QDir().mkpath(digitpad::userModelsDirectory());
    QString path =
        QFileDialog::getSaveFileName(this, tr("Save Model As"), digitpad::userModelsDirectory(),
                                     tr("DigitPad models (*.dpmodel)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1String(".dpmodel")))
        path += QStringLiteral(".dpmodel");
    QString error;
    if (m_session->saveModelAs(path, &error))
        statusBar()->showMessage(tr("Model saved to %1").arg(path), 5000);
    else
        showError(tr("Cannot save the model"), error);
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
