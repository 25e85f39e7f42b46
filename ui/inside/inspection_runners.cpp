#include "inspection_runners.h"

#include "mnist.h"

#include <QElapsedTimer>

FeatureSpaceRunner::FeatureSpaceRunner(QObject *parent)
    : JobRunner(QStringLiteral("feature space"), parent) {
    qRegisterMetaType<std::shared_ptr<const FeatureSpace>>();
}

bool FeatureSpaceRunner::start(const digitpad::Classifier &model, const QString &modelPath,
                               const QString &cacheFolder, quint64 request) {
    return startJob([this, model, modelPath, cacheFolder, request]() -> Delivery {
        auto space = std::make_shared<FeatureSpace>();
        space->request = request;
        space->training = digitpad::loadMnistTraining();
        space->test = digitpad::loadMnistTest();
        const int total = space->training.size() + space->test.size();
        // One bar for both sets; returning false stops the job between chunks.
        const auto progressFrom = [this, total](int offset) {
            return [this, offset, total](int done, int) {
                Q_EMIT progress(offset + done, total);
                return !stopRequested();
            };
        };
        space->testFeatures =
            digitpad::cachedFeatures(model, modelPath, space->test, cacheFolder, progressFrom(0));
        space->map = digitpad::principalMap(space->testFeatures);
        auto mapOnly = std::make_shared<FeatureSpace>();
        mapOnly->request = request;
        mapOnly->test = space->test;
        mapOnly->testFeatures = space->testFeatures;
        mapOnly->map = space->map;
        Q_EMIT mapReady(std::shared_ptr<const FeatureSpace>(std::move(mapOnly)));
        space->trainingFeatures = digitpad::cachedFeatures(
            model, modelPath, space->training, cacheFolder, progressFrom(space->test.size()));
        std::shared_ptr<const FeatureSpace> done = std::move(space);
        return [this, done] { Q_EMIT finished(done); };
    });
}

LiveInspector::LiveInspector(QObject *parent) : JobRunner(QStringLiteral("inspector"), parent) {
    qRegisterMetaType<Inspection>();
    m_throttle.setSingleShot(true);
    connect(&m_throttle, &QTimer::timeout, this, &LiveInspector::sendPending);
}

void LiveInspector::setModel(const digitpad::Classifier &model) {
    m_model = model;
}

void LiveInspector::setFeatureSpace(std::shared_ptr<const FeatureSpace> space) {
    m_space = std::move(space);
}

void LiveInspector::inspect(const digitpad::ModelInput &input) {
    m_pending = input;
    if (m_throttle.isActive()) // the newest input goes when the interval is over
        return;
    const qint64 sinceLast =
        m_sinceLastSent.isValid() ? m_sinceLastSent.elapsed() : kMinimumIntervalMs;
    if (sinceLast < kMinimumIntervalMs)
        m_throttle.start(int(kMinimumIntervalMs - sinceLast));
    else
        sendPending();
}

void LiveInspector::sendPending() {
    if (!m_pending || m_model.isNull())
        return;
    m_sinceLastSent.start();
    const digitpad::ModelInput input = *m_pending;
    m_pending.reset();
    startLatest([this, input, model = m_model, space = m_space]() -> Delivery {
        QElapsedTimer timer;
        timer.start();
        Inspection inspection;
        inspection.layers = digitpad::layerActivations(model, input);
        if (space) {
            const std::vector<float> features = digitpad::featuresOf(model, input);
            if (space->trainingFeatures.count > 0) // not yet while only the map is ready
                inspection.lookAlikes =
                    digitpad::nearestDigits(space->trainingFeatures, features, kLookAlikes);
            inspection.mapPoint = space->map.project(features);
        }
        inspection.milliseconds = double(timer.nsecsElapsed()) / 1e6;
        return [this, inspection] { Q_EMIT inspected(inspection); };
    });
}
