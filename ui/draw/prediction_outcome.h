#pragma once

#include "classifier.h"
#include "piece_memory.h"
#include "preprocess.h"

#include <QImage>
#include <QMetaType>
#include <QTransform>

// What the Draw tab shows for one picture: the model's reading and what the model saw.
struct PredictionOutcome {
    quint64 request = 0;
    QString error; // non-empty: nothing to read (e.g. an empty canvas), shown instead
    digitpad::Prediction prediction;
    QImage input;                      // the 28x28 input, white ink on black
    digitpad::ModelInput modelInput{}; // the whole picture's input itself, for inspection
    QTransform inputToSource;          // maps input pixels onto the picture that was read
    // Several digits side by side: the number ("2026") and each digit's box (in the canvas's
    // coordinates) and label (the digit and its confidence, or "not a digit"). Empty for one
    // digit, the common case.
    QString number;
    QList<QRectF> digitBoxes;
    QStringList digitLabels;
    double milliseconds = 0; // preprocessing + inference
};
Q_DECLARE_METATYPE(PredictionOutcome)

// Reads a canvas's picture as the Draw tab shows it (PredictionService runs it on its thread;
// tests and the benchmark call it directly). `penMoving`: the stroke is still being drawn, so
// touching digits are not tried yet (digitpad::CutTrial::Deferred). With a `memory`, pieces read
// before are recalled.
PredictionOutcome readOutcome(const digitpad::Classifier &model, const QImage &picture,
                              bool penMoving = false, digitpad::PieceMemory *memory = nullptr);
