#pragma once

#include "prediction_service.h"

#include <QElapsedTimer>
#include <QWidget>

class CanvasWidget;
class Explainer;
struct Explanation;
class InputPreview;
class ProbabilityChart;
class QCheckBox;
class QLabel;
class QPushButton;
class QSlider;
class QStackedWidget;
class Session;

// Draw a digit, watch it read live, see what the model saw and why, and correct it.
class DrawTab : public QWidget {
    Q_OBJECT
  public:
    // Reads with the session's live model and files corrections in its personal samples.
    explicit DrawTab(Session *session, QWidget *parent = nullptr);
    ~DrawTab() override;

    // The model the canvas is read with (the session's live model, once it has arrived).
    const digitpad::Classifier &model() const { return m_service.model(); }
    void openPicture(const QImage &picture);

    CanvasWidget *canvas() const { return m_canvas; }
    ProbabilityChart *chart() const { return m_chart; }
    InputPreview *preview() const { return m_preview; }
    const PredictionOutcome &shownOutcome() const { return m_shown; }
    QString verdictText() const;
    // The reading of the canvas as it is now is still being computed.
    bool isReading() const { return m_service.isBusy(); }
    QSlider *brushSlider() const { return m_brush; }
    QCheckBox *explainBox() const { return m_explain; }
    Explainer *explainer() const { return m_explainer; }
    QPushButton *fineTuneButton() const { return m_fineTune; }
    // While a run is training, fine-tuning waits (one run at a time).
    void setTrainingBusy(bool busy);

  public Q_SLOTS:
    // The user says the digit on the canvas is `digit`: it joins the personal data set.
    void teach(int digit);

  Q_SIGNALS:
    void outcomeShown(const PredictionOutcome &outcome);
    void message(const QString &text); // for the status bar
    // "Teach the model": fine-tune the model in use on the personal samples.
    void fineTuneRequested();

  private:
    void useSessionModel();
    // `penMoving`: the stroke is still being drawn, and touching digits are tried once it ends.
    void requestReading(bool penMoving = false);
    void showOutcome(const PredictionOutcome &outcome);
    void showExplanation(const Explanation &explanation);
    void updateTeachCount();
    QWidget *buildTeachRow();

    Session *m_session;
    PredictionService m_service;
    CanvasWidget *m_canvas;
    InputPreview *m_preview;
    ProbabilityChart *m_chart;
    QStackedWidget *m_chartOrNote = nullptr;
    QLabel *m_digit;
    QLabel *m_verdict;
    QLabel *m_timing;
    QLabel *m_teachCount;
    QPushButton *m_fineTune;
    bool m_trainingBusy = false;
    QSlider *m_brush;
    QCheckBox *m_explain;
    Explainer *m_explainer;
    // The newest reading asked for with the pen lifted: the one Explain explains, if still newest.
    quint64 m_settledReading = 0;
    PredictionOutcome m_shown;
};
