#pragma once

#include <QByteArray>
#include <QString>

#include <torch/torch.h>

namespace digitpad {

// DigitPad's own encoding of a network's weights: every parameter and buffer by name, with its
// dtype and shape, then its values (little-endian). Unlike LibTorch's archive loader, which is
// not built for hostile input, reading checks every length, name, dtype and shape against the
// network before any tensor is made, so no byte sequence can crash or hang the process.
//
//   u32 count, then per tensor: u16 name length, name (UTF-8), u8 dtype (1 float32, 2 int64),
//   u8 rank, rank x u64 dimension, the values.
QByteArray encodeTensors(const torch::nn::Module &net);

// Fills `net` from `bytes`, all or nothing: the file must hold exactly the net's parameters and
// buffers, each with the net's dtype and shape, and finite values. Throws digitpad::Error saying
// what does not fit.
void decodeTensorsInto(const QByteArray &bytes, torch::nn::Module &net);

} // namespace digitpad
