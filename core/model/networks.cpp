#include "networks.h"

#include "architectures.h"
#include "error.h"

#include <functional>

namespace digitpad {

MlpImpl::MlpImpl(int outputs) {
    hidden = register_module("hidden", torch::nn::Linear(28 * 28, 128));
    dropout = register_module("dropout", torch::nn::Dropout(0.2));
    output = register_module("output", torch::nn::Linear(128, outputs));
}

torch::Tensor MlpImpl::features(const torch::Tensor &input) {
    return dropout->forward(torch::relu(hidden->forward(input.flatten(1))));
}

torch::Tensor MlpImpl::classify(const torch::Tensor &features) {
    return output->forward(features);
}

CnnImpl::CnnImpl(const std::vector<ConvBlock> &blocks, int flatFeatures, int hidden, int outputs) {
    torch::nn::Sequential sequence;
    for (const ConvBlock &block : blocks) {
        sequence->push_back(
            torch::nn::Conv2d(torch::nn::Conv2dOptions(block.in, block.out, block.kernel)
                                  .stride(block.stride)
                                  .padding(block.padding)
                                  .bias(false)));
        sequence->push_back(torch::nn::BatchNorm2d(block.out));
        sequence->push_back(torch::nn::ReLU());
        if (block.pool)
            sequence->push_back(torch::nn::MaxPool2d(2));
    }
    convolutions = register_module("features", sequence);
    // The output layer is made (and drawn from the random generator) before the hidden one, as
    // the cnn always was, so that setup trains the same default model from the same seed.
    torch::nn::Linear output(hidden > 0 ? hidden : flatFeatures, outputs);
    torch::nn::Sequential layers{torch::nn::Flatten()};
    if (hidden > 0) {
        layers->push_back(torch::nn::Dropout(0.3));
        layers->push_back(torch::nn::Linear(flatFeatures, hidden));
        layers->push_back(torch::nn::ReLU());
        layers->push_back(torch::nn::Dropout(0.3));
    }
    layers->push_back(output);
    head = register_module("head", layers);
}

torch::Tensor CnnImpl::features(const torch::Tensor &input) {
    // Every layer of the head but the last: the Dense 128 activations (after ReLU and dropout).
    auto x = convolutions->forward(input);
    for (auto layer = head->begin(); layer + 1 != head->end(); ++layer)
        x = layer->forward(x);
    return x;
}

torch::Tensor CnnImpl::classify(const torch::Tensor &features) {
    return (head->end() - 1)->forward(features);
}

namespace {

struct RegisteredArchitecture {
    ArchitectureInfo info;
    std::function<std::shared_ptr<ClassifierNetImpl>(int outputs)> create;
};

// The one place an architecture is added.
const QList<RegisteredArchitecture> &registry() {
    static const QList<RegisteredArchitecture> table = {
        {{QStringLiteral("mlp"),
          QStringLiteral("Classic notebook MLP: Dense 128 ReLU, Dropout 0.2, Dense 10"), 30, 32,
          1e-3},
         [](int outputs) { return std::make_shared<MlpImpl>(outputs); }},
        {{QStringLiteral("cnn"),
          QStringLiteral("3 conv blocks (32-64-128, BatchNorm) + Dense 128, dropout"), 8, 64, 2e-3},
         [](int outputs) {
             return std::make_shared<CnnImpl>(std::vector<ConvBlock>{{1, 32, 3, 1, 1, true},
                                                                     {32, 64, 3, 1, 1, true},
                                                                     {64, 128, 3, 1, 1, true}},
                                              128 * 3 * 3, 128, outputs); // 28 -> 14 -> 7 -> 3
         }},
        {{QStringLiteral("quick"),
          QStringLiteral("3 strided conv blocks (32-64-128, BatchNorm), no dense layer: "
                         "99% in seconds"),
          2, 256, 1e-2},
         [](int outputs) {
             return std::make_shared<CnnImpl>(std::vector<ConvBlock>{{1, 32, 5, 2, 0, false},
                                                                     {32, 64, 3, 2, 0, false},
                                                                     {64, 128, 3, 1, 0, false}},
                                              128 * 3 * 3, 0, outputs); // 28 -> 12 -> 5 -> 3
         }},
    };
    return table;
}

} // namespace

const QList<ArchitectureInfo> &architectures() {
    static const QList<ArchitectureInfo> infos = [] {
        QList<ArchitectureInfo> list;
        for (const auto &entry : registry())
            list.append(entry.info);
        return list;
    }();
    return infos;
}

const ArchitectureInfo *findArchitecture(const QString &name) {
    for (const auto &info : architectures())
        if (info.name == name)
            return &info;
    return nullptr;
}

QStringList architectureNames() {
    QStringList names;
    for (const auto &info : architectures())
        names.append(info.name);
    return names;
}

std::shared_ptr<ClassifierNetImpl> createNetwork(const QString &architecture, int outputs) {
    for (const auto &entry : registry())
        if (entry.info.name == architecture)
            return entry.create(outputs);
    throw Error(QStringLiteral("unknown architecture '%1' (known: %2)")
                    .arg(architecture, architectureNames().join(QStringLiteral(", "))));
}

} // namespace digitpad
