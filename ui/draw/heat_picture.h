#pragma once

#include "explanation.h"

#include <QImage>

// The occlusion heat as a picture to lay over the drawing: red where the ink drove the reading,
// blue where it argued against it, clear where it did neither. It covers the model's whole
// 28x28 input `finer` times finer than the input, and changes smoothly across it: the heat is
// constant over each step of the occlusion patches, and drawn as it is, it shows their blocks.
QImage heatPicture(const digitpad::Heatmap &heat, int finer = 8);
