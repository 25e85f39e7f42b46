#include "network_inspection.h"

#include "network_reading.h"

#include <algorithm>
#include <numeric>

namespace digitpad {

namespace {

// Channels ordered by their mean activation, strongest first (ties keep channel order, so the
// order of a map does not change between two identical calls).
std::vector<int> strongestChannels(const LayerActivation &layer) {
    const std::size_t mapSize = std::size_t(layer.height) * std::size_t(layer.width);
    std::vector<double> means(std::size_t(layer.channels), 0.0);
    for (std::size_t channel = 0; channel < means.size(); ++channel) {
        const auto begin = layer.values.begin() + std::ptrdiff_t(channel * mapSize);
        means[channel] = std::accumulate(begin, begin + std::ptrdiff_t(mapSize), 0.0) /
                         double(std::max<std::size_t>(mapSize, 1));
    }
    std::vector<int> order(means.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&means](int a, int b) {
        return means[std::size_t(a)] > means[std::size_t(b)];
    });
    return order;
}

// `output` is [1,C,H,W] for a convolutional layer, [1,C] for a dense one (C maps of 1x1).
LayerActivation activationOf(const QString &name, const torch::Tensor &output) {
    LayerActivation layer;
    layer.name = name;
    layer.channels = int(output.size(1));
    layer.height = output.dim() == 4 ? int(output.size(2)) : 1;
    layer.width = output.dim() == 4 ? int(output.size(3)) : 1;
    layer.values = valuesOf(output);
    layer.strongest = strongestChannels(layer);
    return layer;
}

LayerActivation inputLayer(const ModelInput &input) {
    LayerActivation layer;
    layer.name = QStringLiteral("input");
    layer.channels = 1;
    layer.height = kImageSide;
    layer.width = kImageSide;
    layer.values.assign(input.begin(), input.end());
    layer.strongest = {0};
    return layer;
}

template <typename Module> bool isA(const torch::nn::AnyModule &module) {
    return module.ptr()->as<Module>() != nullptr;
}

void appendCnnLayers(CnnImpl &cnn, torch::Tensor x, std::vector<LayerActivation> &layers) {
    // Module by module, so that each block is seen where it ends: after its pooling, or after
    // its ReLU in a block that has none.
    int block = 0;
    const auto end = cnn.convolutions->end();
    for (auto module = cnn.convolutions->begin(); module != end; ++module) {
        x = module->forward(x);
        const bool pooledNext = module + 1 != end && isA<torch::nn::MaxPool2d>(*(module + 1));
        if (isA<torch::nn::MaxPool2d>(*module) || (isA<torch::nn::ReLU>(*module) && !pooledNext))
            layers.push_back(activationOf(QStringLiteral("conv block %1").arg(++block), x));
    }
    for (auto &module : *cnn.head) {
        x = module.forward(x);
        if (isA<torch::nn::ReLU>(module))
            layers.push_back(activationOf(QStringLiteral("dense %1").arg(x.size(1)), x));
    }
    layers.push_back(activationOf(QStringLiteral("logits"), x));
}

void appendMlpLayers(MlpImpl &mlp, const torch::Tensor &x, std::vector<LayerActivation> &layers) {
    const torch::Tensor hidden = torch::relu(mlp.hidden->forward(x.flatten(1)));
    layers.push_back(activationOf(QStringLiteral("dense %1").arg(hidden.size(1)), hidden));
    layers.push_back(activationOf(QStringLiteral("logits"), mlp.output->forward(hidden)));
}

Error unknownNetwork(const Classifier &model) {
    return Error(QStringLiteral("cannot look inside a '%1' network: only convolutional networks "
                                "and the mlp have their layers described")
                     .arg(model.metadata().architecture));
}

} // namespace

std::vector<LayerActivation> layerActivations(const Classifier &model, const ModelInput &input) {
    const Classifier::Impl &impl = readableNetwork(model);
    torch::NoGradGuard noGrad;
    std::vector<LayerActivation> layers{inputLayer(input)};
    const torch::Tensor x = networkInput(impl, input);
    if (auto *cnn = dynamic_cast<CnnImpl *>(impl.net.get()))
        appendCnnLayers(*cnn, x, layers);
    else if (auto *mlp = dynamic_cast<MlpImpl *>(impl.net.get()))
        appendMlpLayers(*mlp, x, layers);
    else
        throw unknownNetwork(model);
    return layers;
}

FilterBank firstLayerFilters(const Classifier &model) {
    const Classifier::Impl &impl = readableNetwork(model);
    torch::NoGradGuard noGrad;
    FilterBank bank;
    torch::Tensor weight;
    if (auto *cnn = dynamic_cast<CnnImpl *>(impl.net.get())) {
        const auto *convolution = cnn->convolutions->ptr(0)->as<torch::nn::Conv2d>();
        if (!convolution)
            throw unknownNetwork(model);
        weight = convolution->weight; // [out, in, kh, kw]: one picture per (out, in) pair
        bank.layer = QStringLiteral("conv block 1");
        bank.count = int(weight.size(0) * weight.size(1));
        bank.height = int(weight.size(2));
        bank.width = int(weight.size(3));
    } else if (auto *mlp = dynamic_cast<MlpImpl *>(impl.net.get())) {
        weight = mlp->hidden->weight; // [units, 784]: each unit's weights lie on the 28x28 input
        bank.layer = QStringLiteral("dense %1").arg(weight.size(0));
        bank.count = int(weight.size(0));
        bank.height = kImageSide;
        bank.width = kImageSide;
    } else {
        throw unknownNetwork(model);
    }
    bank.values = valuesOf(weight);
    return bank;
}

} // namespace digitpad
