#pragma once
// Torch-facing: included only by core's .cpp files, never by ui/ or app/.

#include <torch/torch.h>

#include <QString>

namespace digitpad {

// Every architecture maps a [N,1,28,28] normalised batch to [N,10] logits (11 with the not-a-digit
// class), through penultimate features (the last hidden layer) that look-alikes and the feature
// map measure distances in.
struct ClassifierNetImpl : torch::nn::Module {
    virtual torch::Tensor features(const torch::Tensor &input) = 0;    // [N,D]
    virtual torch::Tensor classify(const torch::Tensor &features) = 0; // [N,D] -> [N,10]
    torch::Tensor forward(const torch::Tensor &input) { return classify(features(input)); }
};

// The classic notebook network: Flatten, Dense 128 ReLU, Dropout 0.2, Dense 10.
struct MlpImpl : ClassifierNetImpl {
    explicit MlpImpl(int outputs);
    torch::Tensor features(const torch::Tensor &input) override;
    torch::Tensor classify(const torch::Tensor &features) override;
    torch::nn::Linear hidden{nullptr}, output{nullptr};
    torch::nn::Dropout dropout{nullptr};
};

// One convolution block: conv (no bias: BatchNorm follows), BatchNorm, ReLU, then 2x2 max-pool
// when `pool`.
struct ConvBlock {
    int in, out, kernel, stride, padding;
    bool pool;
};

// Conv blocks, then a head: Flatten and, with `hidden` > 0, Dropout, Dense hidden ReLU, Dropout;
// then the output layer. The "cnn" and "quick" architectures are two shapes of it.
struct CnnImpl : ClassifierNetImpl {
    CnnImpl(const std::vector<ConvBlock> &blocks, int flatFeatures, int hidden, int outputs);
    torch::Tensor features(const torch::Tensor &input) override;
    torch::Tensor classify(const torch::Tensor &features) override;
    torch::nn::Sequential convolutions{nullptr}; // registered as "features" (saved files use it)
    torch::nn::Sequential head{nullptr};
};

// Throws digitpad::Error for a name that is not in the registry.
// `outputs`: 10 digits, or 11 with "not a digit".
std::shared_ptr<ClassifierNetImpl> createNetwork(const QString &architecture, int outputs = 10);

} // namespace digitpad
