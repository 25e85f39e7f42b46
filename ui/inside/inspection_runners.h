#pragma once

#include "feature_space.h"
#include "job_runner.h"
#include "network_inspection.h"

#include <QElapsedTimer>
#include <QPointF>
#include <QTimer>
#include <memory>
#include <optional>

// The digits the look-alikes and the map are drawn from, with their features under one model.
struct FeatureSpace {
    digitpad::Dataset training; // look-alikes are found among these
    digitpad::FeatureTable trainingFeatures;
    digitpad::Dataset test; // the map shows these
    digitpad::FeatureTable testFeatures;
    digitpad::FeatureMap map;
    quint64 request = 0; // which start() it answers: a model change makes earlier ones stale
};
Q_DECLARE_METATYPE(std::shared_ptr<const FeatureSpace>)

// Computes the feature space of a model in the background (MNIST training and test digits,
// cached per model file in `cacheFolder`, so that only the first time costs).
class FeatureSpaceRunner : public JobRunner {
    Q_OBJECT
  public:
    explicit FeatureSpaceRunner(QObject *parent = nullptr);
    // `model` is read on the runner's thread: one never changed in place (the session's).
    bool start(const digitpad::Classifier &model, const QString &modelPath,
               const QString &cacheFolder, quint64 request);

  Q_SIGNALS:
    // The test digits and their map first (seconds), then everything with the training digits'
    // features for the look-alikes (six times as many).
    void mapReady(const std::shared_ptr<const FeatureSpace> &space);
    void finished(const std::shared_ptr<const FeatureSpace> &space);
};

// What the Inside tab shows for one drawing.
struct Inspection {
    std::vector<digitpad::LayerActivation> layers;
    std::vector<digitpad::LookAlike> lookAlikes; // empty until the feature space is ready
    std::optional<QPointF> mapPoint;
    double milliseconds = 0;
};
Q_DECLARE_METATYPE(Inspection)

// Follows the pen: each drawing's layers, look-alikes and place on the map, on a thread of its
// own so that the Draw tab's reading never waits for it. Latest wins (JobRunner::startLatest):
// only the newest input is inspected next.
class LiveInspector : public JobRunner {
    Q_OBJECT
  public:
    static constexpr int kLookAlikes = 8;

    explicit LiveInspector(QObject *parent = nullptr);
    void setModel(const digitpad::Classifier &model); // the session's: never changed in place
    void setFeatureSpace(std::shared_ptr<const FeatureSpace> space);
    void inspect(const digitpad::ModelInput &input);

  Q_SIGNALS:
    void inspected(const Inspection &inspection);

  private:
    void sendPending();

    // At most one inspection asked for per 40 ms (25 a second, as fast as an eye follows): each
    // one is redrawn on the GUI thread, which the Draw tab's reading shares.
    static constexpr int kMinimumIntervalMs = 40;
    QElapsedTimer m_sinceLastSent;
    QTimer m_throttle;
    digitpad::Classifier m_model;
    std::shared_ptr<const FeatureSpace> m_space;
    std::optional<digitpad::ModelInput> m_pending;
};
