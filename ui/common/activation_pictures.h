#pragma once

#include "network_inspection.h"

#include <QImage>

// Pictures of what the network computes, for the Inside tab (and its PNG export) and the Train
// tab's filters by epoch. Each map is
// scaled to its own layer's range, so that weak and strong layers are both visible.

// One layer as a grid of its channels' maps, strongest first (at most `maxChannels`), each map
// `cell` pixels wide; a dense layer or the logits as a row of cells. Activations (never
// negative after ReLU) go black to yellow; signed values (logits) blue to white to red.
QImage layerPicture(const digitpad::LayerActivation &layer, int maxChannels = 32, int cell = 44);

// The first layer's filters side by side, blue negative to red positive, each on its own scale.
QImage filterPicture(const digitpad::FilterBank &filters, int cell = 44);

// Colour of a value in [-1, 1] (blue, white, red) and of an intensity in [0, 1] (black to
// yellow through red), the two scales of these pictures.
QRgb signedColour(float value);
QRgb intensityColour(float value);
