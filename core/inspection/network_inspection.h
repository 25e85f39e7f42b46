#pragma once

#include "classifier.h"

#include <QString>
#include <vector>

namespace digitpad {

// One layer's output for one input, ready to be drawn: `channels` maps of height x width
// (a dense layer is `channels` units of 1x1). Values are the layer's own (after ReLU and
// pooling for a conv block), channel-major.
struct LayerActivation {
    QString name; // "input", "conv block 1" ... "dense 128", "logits"
    int channels = 0;
    int height = 0;
    int width = 0;
    std::vector<float> values;  // channels * height * width
    std::vector<int> strongest; // channel indices by mean activation, strongest first

    float at(int channel, int y, int x) const {
        return values[(std::size_t(channel) * std::size_t(height) + std::size_t(y)) *
                          std::size_t(width) +
                      std::size_t(x)];
    }
};

// Every layer the network has, in order, for one model input (the 28x28 the model sees):
// cnn: input, conv block 1 (32x14x14), conv block 2 (64x7x7), conv block 3 (128x3x3),
// dense 128, logits; mlp: input, dense 128 (the hidden units), logits. Eval mode, no gradient;
// safe to call from any thread that owns `model` (a clone for a background thread).
std::vector<LayerActivation> layerActivations(const Classifier &model, const ModelInput &input);

// The first layer's learned weights as pictures: cnn, the 32 filters of 3x3; mlp, the 128
// hidden units' input weights as 28x28 pictures.
struct FilterBank {
    QString layer; // "conv block 1" or "dense 128"
    int count = 0;
    int height = 0;
    int width = 0;
    std::vector<float> values; // count * height * width
};
FilterBank firstLayerFilters(const Classifier &model);

} // namespace digitpad
