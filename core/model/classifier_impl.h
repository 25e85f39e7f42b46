#pragma once
// Torch-facing: included only by core's .cpp files.

#include "classifier.h"
#include "networks.h"

#include <optional>

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
    // The not-a-digit column of probabilities() for a whole data set ([N,1,28,28] ink), read
    // `chunk` pictures at a time (by default as predictInk() reads one): [N] on the CPU.
    torch::Tensor notDigitProbabilities(const torch::Tensor &ink, NotDigitScore score,
                                        ViewsFor views,
                                        std::optional<int64_t> chunk = std::nullopt) const;
    // Whether a reading averages the not-a-digit probability over views of the ink.
    bool readsViews(NotDigitScore score) const {
        return metadata.notDigitClass && metadata.notDigitOverViews &&
               score == NotDigitScore::Computed;
    }
    // How many pictures go through the network at once when a data set is read.
    int64_t chunkOf(NotDigitScore score) const;
    // Outputs of the network: 10 digits, and "not a digit" when the model has that class.
    int outputs() const { return metadata.notDigitClass ? kClassCount + 1 : kClassCount; }
};

// CUDA when this LibTorch build and the machine have it, else the CPU.
torch::Device preferredDevice();

// [count,1,28,28] float ink in [0,1] from MNIST bytes.
torch::Tensor inkTensorFromBytes(const std::uint8_t *pixels, int count);

} // namespace digitpad
