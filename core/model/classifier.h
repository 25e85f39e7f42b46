#pragma once

#include "model_metadata.h"
#include "prediction.h"

#include <QString>
#include <cstdint>
#include <memory>
#include <vector>

namespace digitpad {

// Whether predictions also say if each picture is a digit at all (Prediction::notDigitScore).
// Evaluations and explanations only ask which digit: skipping the score skips the views it is
// averaged over (not_digit_views.h), four fifths of the network's work.
enum class NotDigitScore { Computed, Skipped };

// A trained (or freshly initialised) network with its metadata, behind a torch-free interface
// so that widgets can hold one. Copies share the weights; clone() makes an independent snapshot,
// which is what a predicting thread should hold while another thread trains.
class Classifier {
  public:
    struct Impl; // torch side, in classifier_impl.h

    Classifier() = default;
    explicit Classifier(std::shared_ptr<Impl> impl);
    // Throws digitpad::Error for an unknown architecture. With `notDigitClass` the network has an
    // 11th output, "not a digit" (ModelMetadata::notDigitClass).
    static Classifier create(const QString &architecture, bool notDigitClass = false);

    bool isNull() const { return !m_impl; }
    const ModelMetadata &metadata() const;
    void setMetadata(const ModelMetadata &metadata);

    Prediction predict(const ModelInput &input) const;
    std::vector<Prediction> predictInputs(const std::vector<ModelInput> &inputs,
                                          NotDigitScore score = NotDigitScore::Computed) const;
    // Raw MNIST bytes (count * 784, ink bright), as stored in a Dataset: a data set read at once,
    // on every core.
    std::vector<Prediction> predictImages(const std::uint8_t *pixels, int count,
                                          NotDigitScore score = NotDigitScore::Computed) const;

    Classifier clone() const;
    Impl &impl() const { return *m_impl; }

  private:
    std::shared_ptr<Impl> m_impl;
};

} // namespace digitpad
