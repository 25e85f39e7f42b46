#pragma once

#include "digit_image.h"
#include "inspection_runners.h"

#include <QWidget>
#include <memory>

class FeatureMapView;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSplitter;
class QVBoxLayout;
class Session;

// Inside the network, tied to what is drawn: every layer's activations for the current drawing
// (strongest channels first), the first layer's filters, the training digits that look most
// alike to the network, and a map of all test digits in its feature space with the drawing on
// it. The feature space is computed in the background the first time the tab is shown for a
// model, then read from the cache.
class InsideTab : public QWidget {
    Q_OBJECT
  public:
    explicit InsideTab(Session *session, QWidget *parent = nullptr);

    // The drawing to look inside (the Draw tab's reading of it).
    void inspect(const digitpad::ModelInput &input);
    // Starts computing the look-alikes' and the map's features for the live model, unless they
    // are ready or being computed.
    void computeFeatureSpace();

    const Inspection &lastInspection() const { return m_last; }
    const std::shared_ptr<const FeatureSpace> &featureSpace() const { return m_space; }
    FeatureMapView *map() const { return m_map; }
    QListWidget *lookAlikes() const { return m_lookAlikes; }
    LiveInspector *inspector() const { return m_inspector; }
    FeatureSpaceRunner *featureRunner() const { return m_featureRunner; }
    // Writes every picture (layers, filters, look-alikes, map) as PNG into `folder`; returns the
    // files written. Throws digitpad::Error when a file cannot be written.
    QStringList exportPictures(const QString &folder) const;

  Q_SIGNALS:
    void sendToDraw(const QImage &digit);
    void message(const QString &text);

  protected:
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

  private:
    void useSessionModel();
    void showInspection(const Inspection &inspection);
    void showLookAlikes(const std::vector<digitpad::LookAlike> &lookAlikes);
    void showFeatureSpace(const std::shared_ptr<const FeatureSpace> &space);
    void showPicked(int index);
    void exportPicturesDialog();
    void exportFeaturesDialog();

    Session *m_session;
    LiveInspector *m_inspector;
    FeatureSpaceRunner *m_featureRunner;
    std::shared_ptr<const FeatureSpace> m_space;
    quint64 m_featureRequest = 0;
    Inspection m_last;
    std::optional<digitpad::ModelInput> m_lastInput;
    QVBoxLayout *m_layerColumn;
    QList<std::pair<QLabel *, QLabel *>> m_layerLabels; // caption, picture
    QLabel *m_layerHint;
    QLabel *m_filters;
    QLabel *m_filtersCaption;
    QListWidget *m_lookAlikes;
    std::vector<int> m_shownLookAlikes; // training digits shown, to skip redrawing the same
    FeatureMapView *m_map;
    QLabel *m_picked;
    QLabel *m_pickedDigit;
    QLabel *m_status;
    QProgressBar *m_progress;
    QPushButton *m_exportFeatures;
    QSplitter *m_splitter; // the layers, and the map's pages beside or under them
};
