#pragma once

#include "training_runner.h"

#include <QElapsedTimer>
#include <QWidget>

class FilterHistory;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class RunHistory;
class Session;
class TrainingForm;
class TrainingPlots;

// Train a network in the background and watch it learn. The tab only asks the runner to start
// and stop and shows what it reports; a finished run becomes the session's live model, so the
// Draw tab keeps its old weights until then.
class TrainTab : public QWidget {
    Q_OBJECT
  public:
    explicit TrainTab(Session *session, QWidget *parent = nullptr);
    ~TrainTab() override;

    bool isTraining() const { return m_runner.isRunning(); }
    // Starts a run with the form's settings; false (with the reason shown) when they are refused
    // or a run is already going.
    bool startTraining();
    // Goes on training the model in use on the personal samples (with replayed training
    // digits); false (with the reason shown) when there is nothing to fine-tune on.
    bool startFineTune();
    void stopTraining();
    void togglePause();
    // The run in progress takes `rate` as its base learning rate from its next batch.
    void steerLearningRate(double rate);
    // Stops a run in progress and waits for it to end (closing the window).
    void shutDown();

    TrainingForm *form() const { return m_form; }
    TrainingPlots *plots() const { return m_plots; }
    FilterHistory *filters() const { return m_filters; }
    RunHistory *history() const { return m_history; }
    TrainingRunner *runner() { return &m_runner; }
    QPushButton *trainButton() const { return m_train; }
    QPushButton *pauseButton() const { return m_pause; }
    QPushButton *fineTuneButton() const { return m_fineTune; }
    QDoubleSpinBox *liveRateField() const { return m_liveRate; }
    QPushButton *setRateButton() const { return m_setRate; }

  Q_SIGNALS:
    void message(const QString &text);
    void runningChanged(bool running);

  private:
    bool startRun(const digitpad::TrainingRunRequest &request, const QString &loadingText);
    void onStarted(int trainSamples, int validationSamples, int threads);
    void onBatch(const digitpad::BatchStats &stats);
    void onEpoch(const digitpad::EpochStats &stats);
    void onFinished(const digitpad::FiledRun &run);
    // `outcome` is one word for the progress bar; `status` the whole story for the line below.
    void onEnded(const QString &outcome, const QString &status);
    void updateButtons();
    // Draws the runs ticked in the history behind the live curves, each labelled with what it
    // set differently from the run in progress (or the form, before any run).
    void showComparedRuns();
    void exportPlots();

    Session *m_session;
    TrainingRunner m_runner;
    TrainingForm *m_form;
    TrainingPlots *m_plots;
    FilterHistory *m_filters;
    RunHistory *m_history;
    QPushButton *m_train;
    QPushButton *m_stop;
    QPushButton *m_pause;
    QPushButton *m_fineTune;
    QDoubleSpinBox *m_liveRate;
    QPushButton *m_setRate;
    QProgressBar *m_progress;
    QLabel *m_status;
    digitpad::TrainingRunRequest m_request; // of the run in progress or the last one
    QElapsedTimer m_clock;
    qint64 m_lastStatusUpdate = 0;
    bool m_hasTrained = false;
    bool m_wasRunning = false;
};
