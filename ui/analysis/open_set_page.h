#pragma once

#include "classifier.h"
#include "job_runner.h"

#include <QWidget>
#include <memory>

class QCustomPlot;
class QLabel;
class QPushButton;
namespace digitpad {
struct Dataset;
struct OpenSetCurve;
} // namespace digitpad

// Measures the open-set curve on its own thread: the evaluated digits against the real doodles
// of kinds the model never trained on (digitpad::measureOpenSet).
class OpenSetRunner : public JobRunner {
    Q_OBJECT
  public:
    explicit OpenSetRunner(QObject *parent = nullptr);
    // `model` is read on the runner's thread: one never changed in place (the session's).
    bool start(const digitpad::Classifier &model,
               const std::shared_ptr<const digitpad::Dataset> &digits);

  Q_SIGNALS:
    // Null for a model without the not-a-digit class.
    void finished(const std::shared_ptr<const digitpad::OpenSetCurve> &curve);
};

// The Analysis tab's "Not a digit" page: how many of the things that are no digit the model
// rejects against how many real digits it rejects with them, over every threshold, with the
// model's own threshold marked. Measured on demand (it reads every digit five times).
class OpenSetPage : public QWidget {
    Q_OBJECT
  public:
    explicit OpenSetPage(QWidget *parent = nullptr);

    // What the next measurement reads: the model and the digits just evaluated.
    void setSubject(const digitpad::Classifier &model, const digitpad::Dataset &digits);
    bool measure();
    bool isBusy() const { return m_runner.isRunning(); }
    void waitUntilIdle() { m_runner.waitUntilIdle(); }
    const digitpad::OpenSetCurve *curve() const { return m_curve.get(); }
    QCustomPlot *plot() const { return m_plot; }

  Q_SIGNALS:
    void measured();

  private:
    void setUpAxes();
    void show(const std::shared_ptr<const digitpad::OpenSetCurve> &curve);

    OpenSetRunner m_runner;
    digitpad::Classifier m_model; // null until there is a subject
    std::shared_ptr<const digitpad::Dataset> m_digits;
    std::shared_ptr<const digitpad::OpenSetCurve> m_curve;
    QPushButton *m_measure;
    QLabel *m_verdict;
    QCustomPlot *m_plot;
};
