#pragma once

#include <QMainWindow>

class AnalysisTab;
class DrawTab;
class QDockWidget;
class InsideTab;
class QLabel;
class Session;
class TrainTab;

// Composes the tabs, the menus and the status bar around a session, which owns what the tabs
// share (the live model, personal samples, runs and settings).
class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    explicit MainWindow(Session *session, QWidget *parent = nullptr);

    DrawTab *drawTab() const { return m_drawTab; }
    TrainTab *trainTab() const { return m_trainTab; }
    AnalysisTab *analysisTab() const { return m_analysisTab; }
    InsideTab *insideTab() const { return m_insideTab; }
    QDockWidget *insideDock() const { return m_insideDock; }
    // Opens an image file into the Draw tab; false (and a message) when it cannot be read.
    bool openImageFile(const QString &path);
    // Makes the model in `path` the live one; false (and a message) when it cannot be loaded.
    bool loadModelFile(const QString &path);

  protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

  private:
    void buildMenus();
    void openImage();
    void loadModelDialog();
    void saveModelDialog();
    void useBundledModel(); // the way back after any experiment
    void showModelStatus();
    void placeInsideBesideCanvas();
    void rememberInsideGeometry();
    void showError(const QString &title, const QString &message);

    Session *m_session;
    DrawTab *m_drawTab;
    TrainTab *m_trainTab;
    AnalysisTab *m_analysisTab;
    InsideTab *m_insideTab;
    QDockWidget *m_insideDock;
    bool m_insidePlaced = false;
    QLabel *m_modelStatus;
};
