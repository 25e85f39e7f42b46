#pragma once

#include "classifier.h"
#include "preprocess.h"

#include <QImage>
#include <QObject>
#include <QThread>

// What the Draw tab shows for one picture: the model's reading and what the model saw.
struct PredictionOutcome {
    quint64 request = 0;
    QString error; // non-empty: nothing to read (e.g. an empty canvas), shown instead
    digitpad::Prediction prediction;
    QImage input;                      // the 28x28 input, white ink on black
    digitpad::ModelInput modelInput{}; // the whole picture's input itself, for inspection
    QTransform inputToSource;          // maps input pixels onto the picture that was read
    // Several digits side by side: the number ("2026") and each digit's box (in the canvas's
    // coordinates) and label ("7 98%"). Empty for one digit, the common case.
    QString number;
    QList<QRectF> digitBoxes;
    QStringList digitLabels;
    double milliseconds = 0; // preprocessing + inference
};
Q_DECLARE_METATYPE(PredictionOutcome)
Q_DECLARE_METATYPE(digitpad::Classifier)

// Reads pictures on its own thread (after Qt's mandelbrot example), so drawing never waits
// for the model. Requests made while one is running are coalesced: only the newest is read.
class PredictionService : public QObject {
    Q_OBJECT
  public:
    explicit PredictionService(QObject *parent = nullptr);
    ~PredictionService() override;

    void setModel(const digitpad::Classifier &model); // a snapshot is taken
    const digitpad::Classifier &model() const { return m_model; }
    // `penMoving`: the stroke is still being drawn (readOutcome()).
    quint64 request(const QImage &picture, bool penMoving = false);
    // A reading is being computed or waits its turn.
    bool isBusy() const { return m_busy || m_hasPending; }

  Q_SIGNALS:
    void ready(const PredictionOutcome &outcome);
    // Internal: carries work to the worker thread.
    void work(const digitpad::Classifier &model, const QImage &picture, bool penMoving,
              quint64 request);

  private:
    void onWorkerDone(const PredictionOutcome &outcome);
    void dispatch();

    QThread m_thread;
    digitpad::Classifier m_model;
    bool m_busy = false;
    bool m_hasPending = false;
    QImage m_pendingPicture;
    bool m_pendingPenMoving = false;
    quint64 m_pendingRequest = 0;
    quint64 m_lastRequest = 0;
};
