#pragma once

#include "classifier.h"
#include "digit_image.h"
#include "personal_samples.h"

#include <QObject>
#include <QSettings>
#include <QString>
#include <QVariant>
#include <memory>

// What the tabs share, owned in one place: the live model and its file, the personal samples,
// the folder of training runs, and the remembered settings. Every tab gets the session in its
// constructor and listens to its signals; no tab reads another tab's state, and the main window
// only composes. Not a widget, so tests and future front ends can drive it alone.
class Session : public QObject {
    Q_OBJECT
  public:
    struct Folders {
        QString personal; // the personal samples' IDX pair
        QString runs;     // one .dpmodel per finished training run
    };
    // The user's folders (XDG data); tests pass temporary ones.
    static Folders userFolders();
    explicit Session(const Folders &folders = userFolders(), QObject *parent = nullptr);
    ~Session() override;

    // The live model: what the Draw tab reads with, the Analysis tab evaluates and the Train
    // tab marks in its history. Null until one is loaded. A snapshot of its own, never changed in
    // place (a new model replaces it): any thread may read with a copy, and none need clone it.
    const digitpad::Classifier &model() const { return m_model; }
    const QString &modelPath() const { return m_modelPath; }
    void setModel(const digitpad::Classifier &model, const QString &path);
    // Loads and makes live; on failure the live model is kept and *error says why.
    bool loadModel(const QString &path, QString *error);
    // The remembered model, else $DIGITPAD_MODEL or the user's default, else the bundled one.
    // Files that cannot be read are skipped and named in *problems; false when none loads.
    bool restoreModel(QString *problems);
    // Saves the live model atomically and makes `path` its file.
    bool saveModelAs(const QString &path, QString *error);

    // The user's corrections. personalProblem() is non-empty when the store cannot be used.
    const QString &personalFolder() const { return m_personalFolder; }
    int personalSampleCount() const;
    const QString &personalProblem() const { return m_personalProblem; }
    bool addPersonalSample(const digitpad::ModelInput &input, int digit, QString *error);
    // The store was changed in place elsewhere (a label fixed or a sample deleted on the Labels
    // page): it is read again and every tab told.
    void reloadPersonalSamples();

    const QString &runsFolder() const { return m_runsFolder; }
    // A run was filed in the runs folder (by training): the history shows it, and its model
    // becomes the live one when `takeOver`.
    void noteRunFiled(const digitpad::Classifier &model, const QString &path, bool takeOver);
    // The model that ships with DigitPad becomes the live one again; false (and *error) when it
    // cannot be read.
    bool useBundledModel(QString *error);

    // The one rule for settings: each part remembers its own values under its own group
    // ("window", "draw", "train", "analysis"), through here, when they change or on closing.
    QVariant setting(const QString &group, const QString &key, const QVariant &fallback = {}) const;
    void remember(const QString &group, const QString &key, const QVariant &value);

  Q_SIGNALS:
    void modelChanged();
    void personalSamplesChanged();
    void runsChanged();

  private:
    void openPersonalSamples();

    digitpad::Classifier m_model;
    QString m_modelPath;
    QString m_personalFolder;
    std::unique_ptr<digitpad::PersonalSamples> m_personal;
    QString m_personalProblem;
    QString m_runsFolder;
    mutable QSettings m_settings;
};
