#pragma once
// Torch-facing: included only by core's .cpp files.

#include "classifier.h"
#include "networks.h"

namespace digitpad {

// Which pictures a not-a-digit probability is averaged over views for: those the plain reading
// does not already clear (reading), or every one (calibrating the threshold, which the first
// depends on).
enum class ViewsFor { Doubtful, Every };

struct Classifier::Impl {
    std::shared_ptr<ClassifierNetImpl> net;
    torch::Device device = torch::kCPU;
    ModelMetadata metadata;

    // [N,1,28,28] floats with ink in [0,1] -> the normalised tensor the network was trained on.
    torch::Tensor normalise(const torch::Tensor &ink) const {
        return (ink - metadata.normalisationMean) / metadata.normalisationStd;
    }
    // Softmax outputs for [N,1,28,28] ink, [N, outputs()] on the CPU. With
    // metadata.notDigitOverViews, the not-a-digit column is averaged over the ink and its views
    // (not_digit_views.h), for the pictures `views` says.
    torch::Tensor probabilities(const torch::Tensor &ink,
                                NotDigitScore score = NotDigitScore::Computed,
                                ViewsFor views = ViewsFor::Doubtful) const;
    std::vector<Prediction> predictInk(const torch::Tensor &ink,
                                       NotDigitScore score = NotDigitScore::Computed) const;
    // Whether a reading averages the not-a-digit probability over views of the ink.
    bool readsViews(NotDigitScore score) const {
        return metadata.notDigitClass && metadata.notDigitOverViews &&
               score == NotDigitScore::Computed;
    }
    // Outputs of the network: 10 digits, and "not a digit" when the model has that class.
    int outputs() const { return metadata.notDigitClass ? kClassCount + 1 : kClassCount; }
};

// CUDA when this LibTorch build and the machine have it, else the CPU.
torch::Device preferredDevice();

// [count,1,28,28] float ink in [0,1] from MNIST bytes.
torch::Tensor inkTensorFromBytes(const std::uint8_t *pixels, int count);

} // namespace digitpad
