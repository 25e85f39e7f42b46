#pragma once

#include <QImage>
#include <cstdint>

// A stored 28x28 digit (MNIST bytes, ink bright on black) as a greyscale picture, the way the
// galleries show it and the Draw tab reads it.
QImage digitPicture(const std::uint8_t *pixels);
