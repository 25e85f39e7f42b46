#pragma once
// Torch-facing: included only by core's .cpp files, never by ui/ or app/.

#include <torch/torch.h>

#include <QString>

namespace digitpad {

// Every architecture maps a [N,1,28,28] normalised batch to [N,10] logits.
struct ClassifierNetImpl : torch::nn::Module {
    virtual torch::Tensor forward(torch::Tensor input) = 0;
};

// The classic notebook network: Flatten, Dense 128 ReLU, Dropout 0.2, Dense 10.
struct MlpImpl : ClassifierNetImpl {
    MlpImpl();
    torch::Tensor forward(torch::Tensor input) override;
    torch::nn::Linear hidden{nullptr}, output{nullptr};
    torch::nn::Dropout dropout{nullptr};
};

// Chosen for accuracy per second of CPU training (see README: models).
struct CnnImpl : ClassifierNetImpl {
    CnnImpl();
    torch::Tensor forward(torch::Tensor input) override;
    torch::nn::Sequential features{nullptr};
    torch::nn::Sequential head{nullptr};
};

// Throws digitpad::Error for a name that is not in the registry.
std::shared_ptr<ClassifierNetImpl> createNetwork(const QString &architecture);

} // namespace digitpad
