#include "session.h"

#include "checkpoint.h"
#include "error.h"
#include "model_history.h"
#include "model_paths.h"
#include "user_folders.h"

#include <QDir>
#include <QFileInfo>

namespace {
const QString kModelGroup = QStringLiteral("model");
const QString kModelPath = QStringLiteral("path");
} // namespace

Session::Folders Session::userFolders() {
    return {digitpad::PersonalSamples::defaultFolder(), digitpad::trainingRunsDirectory()};
}

Session::Session(const Folders &folders, QObject *parent)
    : QObject(parent), m_personalFolder(folders.personal), m_runsFolder(folders.runs),
      m_settings(digitpad::userSettingsFile(), QSettings::IniFormat) {
    openPersonalSamples();
}

void Session::openPersonalSamples() {
    m_personal.reset();
    m_personalProblem.clear();
    try {
        m_personal = std::make_unique<digitpad::PersonalSamples>(m_personalFolder);
    } catch (const digitpad::Error &error) {
        m_personalProblem = tr("Personal data set unavailable: %1").arg(error.message());
    }
}

void Session::reloadPersonalSamples() {
    openPersonalSamples();
    Q_EMIT personalSamplesChanged();
}

Session::~Session() = default;

void Session::setModel(const digitpad::Classifier &model, const QString &path) {
    // Whoever handed the model over may go on changing its weights (a trainer, a test).
    m_model = model.isNull() ? model : model.clone();
    m_modelPath = path;
    remember(kModelGroup, kModelPath, path);
    Q_EMIT modelChanged();
}

bool Session::loadModel(const QString &path, QString *error) {
    try {
        setModel(digitpad::loadModel(path), path);
        return true;
    } catch (const digitpad::Error &failure) {
        if (error)
            *error = failure.message();
        return false;
    }
}

bool Session::restoreModel(QString *problems) {
    // The remembered model, then $DIGITPAD_MODEL or the user's default, then the bundled one: a
    // file that cannot be read is skipped (and said), never fatal.
    QStringList candidates;
    const QString remembered = setting(kModelGroup, kModelPath).toString();
    if (!remembered.isEmpty() && QFileInfo::exists(remembered))
        candidates << remembered;
    for (const QString &path : {digitpad::defaultModelPath(), digitpad::bundledDefaultModelPath()})
        if (!candidates.contains(path))
            candidates << path;
    QStringList skipped;
    for (const QString &path : candidates) {
        QString error;
        if (loadModel(path, &error)) {
            if (problems)
                *problems = skipped.isEmpty() ? QString()
                                              : tr("Skipped a model that cannot be read: %1")
                                                    .arg(skipped.join(QStringLiteral("; ")));
            return true;
        }
        skipped << error;
    }
    if (problems)
        *problems = skipped.join(QStringLiteral("; "));
    return false;
}

bool Session::saveModelAs(const QString &path, QString *error) {
    if (m_model.isNull()) {
        if (error)
            *error = tr("No model is loaded.");
        return false;
    }
    try {
        QDir().mkpath(QFileInfo(path).absolutePath());
        digitpad::saveModel(m_model, path);
    } catch (const digitpad::Error &failure) {
        if (error)
            *error = failure.message();
        return false;
    }
    setModel(m_model, path);
    return true;
}

int Session::personalSampleCount() const {
    return m_personal ? m_personal->count() : 0;
}

bool Session::addPersonalSample(const digitpad::ModelInput &input, int digit, QString *error) {
    if (!m_personal) {
        if (error)
            *error = m_personalProblem;
        return false;
    }
    try {
        m_personal->add(input, digit);
    } catch (const digitpad::Error &failure) {
        if (error)
            *error = failure.message();
        return false;
    }
    Q_EMIT personalSamplesChanged();
    return true;
}

void Session::noteRunFiled(const digitpad::Classifier &model, const QString &path, bool takeOver) {
    Q_EMIT runsChanged();
    if (takeOver)
        setModel(model, path);
}

bool Session::useBundledModel(QString *error) {
    return loadModel(digitpad::bundledDefaultModelPath(), error);
}

QVariant Session::setting(const QString &group, const QString &key,
                          const QVariant &fallback) const {
    return m_settings.value(group + QLatin1Char('/') + key, fallback);
}

void Session::remember(const QString &group, const QString &key, const QVariant &value) {
    m_settings.setValue(group + QLatin1Char('/') + key, value);
}
