#pragma once
// Torch-facing: included only by core's .cpp files.

#include <torch/torch.h>

namespace digitpad {

// What photographed or scanned paper does to a picture, at the network's own input: a share of
// a batch ([N,1,28,28] ink in [0,1]) gets one kind of damage each: grain, salt and pepper, blur,
// low contrast with a raised black level (fog, brightness), stripes, a thin dotted or zigzag line
// across, or the strokes' outline only. The preprocessing removes most of it from a picture, but
// not all, and a network that has never met it reads a grainy 7 as nothing at all. Applied to
// digits and negatives alike, so that damage says nothing about being a digit. Draws from
// torch's global generator.
torch::Tensor withPaperDamage(const torch::Tensor &ink);

// One kind of that damage on every picture of `ink` (for benchmarks that measure each kind).
enum class PaperDamage { Grain, SaltAndPepper, Blur, LowContrast, Stripes, LineAcross, Outline };
inline constexpr PaperDamage kLastPaperDamage = PaperDamage::Outline;
const char *paperDamageName(PaperDamage kind);
torch::Tensor withPaperDamage(const torch::Tensor &ink, PaperDamage kind);

} // namespace digitpad
