#pragma once
// Torch-facing and internal to core/inspection: included only by its .cpp files.

#include "classifier_impl.h"
#include "error.h"

#include <cstring>
#include <vector>

namespace digitpad {

// The model's torch side, ready to be read layer by layer. A freshly created network is still in
// train mode, where BatchNorm would use the statistics of a one-digit batch; it is switched the
// way predicting switches it (loading and training leave networks in eval mode already, so a
// shared model is never flipped while another thread reads it).
inline const Classifier::Impl &readableNetwork(const Classifier &model) {
    if (model.isNull())
        throw Error(QStringLiteral("there is no model to look inside"));
    const Classifier::Impl &impl = model.impl();
    if (impl.net->is_training())
        impl.net->eval();
    return impl;
}

// One model input as the network takes it: [1,1,28,28], normalised, on the model's device.
inline torch::Tensor networkInput(const Classifier::Impl &impl, const ModelInput &input) {
    const auto ink = torch::from_blob(const_cast<float *>(input.data()),
                                      {1, 1, kImageSide, kImageSide}, torch::kFloat32);
    return impl.normalise(ink.to(impl.device));
}

// A tensor's values, on the CPU, in row-major order.
inline std::vector<float> valuesOf(const torch::Tensor &tensor) {
    const torch::Tensor values = tensor.to(torch::kCPU, torch::kFloat32).contiguous();
    std::vector<float> copy(static_cast<std::size_t>(values.numel()));
    if (!copy.empty())
        std::memcpy(copy.data(), values.data_ptr<float>(), copy.size() * sizeof(float));
    return copy;
}

} // namespace digitpad
