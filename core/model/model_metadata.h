#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace digitpad {

// Everything a saved model carries besides its weights.
struct ModelMetadata {
    QString architecture;
    double normalisationMean = 0.1307; // MNIST's pixel mean and standard deviation
    double normalisationStd = 0.3081;
    QJsonObject trainingConfig;
    QString datasetName;
    QString datasetFingerprint;
    // The validation split's own fingerprint: samples added to the training split alone (the
    // user's personal samples) leave it unchanged, so the split can still be rebuilt. Empty in
    // models saved before it was recorded.
    QString validationFingerprint;
    int trainSamples = 0;
    int validationSamples = 0;
    double validationAccuracy = 0.0;
    double validationLoss = 0.0;
    double trainSeconds = 0.0;
    // The network has an 11th output, "not a digit", learnt from negatives made out of the
    // training digits (augmentation.h). A prediction whose not-a-digit probability reaches
    // `notDigitThreshold` (calibrated on validation digits) reads "not a digit".
    bool notDigitClass = false;
    double notDigitThreshold = 1.0;
    // The not-a-digit probability is the average over the ink and four views of it
    // (not_digit_views.h), as the threshold was calibrated. Models trained before it read the ink
    // as it is only.
    bool notDigitOverViews = false;
    // The share of validation digits the threshold was calibrated to reject; 0 when unknown.
    double notDigitValidationShare = 0.0;
    // The revision of DigitPad's training recipe (augmentation and negatives) that trained it
    // (trainer.h: kTrainingRecipe); 0 when trained before revisions were recorded.
    int trainingRecipe = 0;
    // Per-epoch curves of the run (trainer.h: epochHistoryFromJson), for comparing runs.
    QJsonArray epochHistory;
    int bestEpoch = 0;   // the epoch whose weights these are; 0 when unknown
    QString parentModel; // a fine-tuned model: what it was fine-tuned from
    QDateTime createdAt;
    QString appVersion;
    // The first field fromJson() found of the wrong type, named with its path; empty when none.
    QString fieldProblem;

    QJsonObject toJson() const;
    static ModelMetadata fromJson(const QJsonObject &json);
    // "cnn, 99.1% validation, 2026-11-24 18:40": one line for a status bar or a list.
    QString summary() const;
    // Why a model with this metadata cannot be used (a field of the wrong type, unknown
    // architecture, a normalisation that is not finite or divides by zero, a not-a-digit
    // threshold outside (0, 1]); empty if usable.
    QString problem() const;
    // Whether `other` was validated on the very same digits, so that the two validation
    // accuracies can be compared: the same recorded validation split, or for models saved before
    // it was recorded, the same data, seed, fraction and count.
    bool validatedLike(const ModelMetadata &other) const;
};

} // namespace digitpad
