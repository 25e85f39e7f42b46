#pragma once

#include "classifier.h"

#include <QMainWindow>

class AnalysisTab;
class DrawTab;
class TrainTab;
class QLabel;

// Composes the tabs, the menus and the status bar; owns the model in use and the settings.
class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    explicit MainWindow(QWidget *parent = nullptr);

    DrawTab *drawTab() const { return m_drawTab; }
    TrainTab *trainTab() const { return m_trainTab; }
    AnalysisTab *analysisTab() const { return m_analysisTab; }
    // Makes `model` the live model everywhere; `origin` is the file it came from, if any.
    void setModel(const digitpad::Classifier &model, const QString &origin);
    // Opens an image file into the Draw tab; false (and a message) when it cannot be read.
    bool openImageFile(const QString &path);
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
    void restoreSettings();
    void showError(const QString &title, const QString &message);

    DrawTab *m_drawTab;
    TrainTab *m_trainTab;
    AnalysisTab *m_analysisTab;
    QLabel *m_modelStatus;
    QString m_modelPath;
};
