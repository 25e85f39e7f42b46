#pragma once

#include "prediction_service.h"

#include <QElapsedTimer>
#include <QWidget>

class CanvasWidget;
class InputPreview;
class ProbabilityChart;
class QCheckBox;
class QLabel;
class QSlider;
namespace digitpad {
class PersonalSamples;
}

// Draw a digit, watch it read live, see what the model saw and why, and correct it.
class DrawTab : public QWidget {
    Q_OBJECT
  public:
    explicit DrawTab(QWidget *parent = nullptr);
    ~DrawTab() override;

    void setModel(const digitpad::Classifier &model);
    const digitpad::Classifier &model() const { return m_service.model(); }
    void openPicture(const QImage &picture);

    CanvasWidget *canvas() const { return m_canvas; }
    ProbabilityChart *chart() const { return m_chart; }
    InputPreview *preview() const { return m_preview; }
    const PredictionOutcome &shownOutcome() const { return m_shown; }
    QString verdictText() const;
    int personalSampleCount() const;
    QString personalFolder() const;
    // The personal store lives in `folder` (tests use a temporary one).
    void setPersonalFolder(const QString &folder);

    int brushWidth() const;
    void setBrushWidth(int width);
    bool explaining() const;
    void setExplaining(bool on);

  public Q_SLOTS:
    // The user says the digit on the canvas is `digit`: it joins the personal data set.
    void teach(int digit);

  Q_SIGNALS:
    void outcomeShown(const PredictionOutcome &outcome);
    void message(const QString &text); // for the status bar

  private:
    void requestReading();
    void showOutcome(const PredictionOutcome &outcome);
    void updateTeachCount();
    QWidget *buildTeachRow();

    PredictionService m_service;
    CanvasWidget *m_canvas;
    InputPreview *m_preview;
    ProbabilityChart *m_chart;
    QLabel *m_digit;
    QLabel *m_verdict;
    QLabel *m_timing;
    QLabel *m_teachCount;
    QSlider *m_brush;
    QCheckBox *m_explain;
    PredictionOutcome m_shown;
    std::unique_ptr<digitpad::PersonalSamples> m_personal;
    QString m_personalError;
};
