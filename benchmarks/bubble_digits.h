#pragma once

#include <QImage>
#include <QRandomGenerator>
#include <cstdint>

// A 28x28 digit (ink 0-255, bright on black, as MNIST stores it) drawn as a bubble digit: its
// strokes made bold, then only their outline traced with a fine pen, dark on light, 8 to 14 times
// MNIST's size. People draw digits so on posters and signs; the preprocessing must see the bold
// digit the outline stands for, not two thin strokes side by side.
QImage bubbleDigit(const std::uint8_t *digit, QRandomGenerator &random);
