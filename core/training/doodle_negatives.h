#pragma once
// Torch-facing: included only by core's .cpp files.

#include <torch/torch.h>

namespace digitpad {

// Real doodles (quickdraw.h) as not-a-digit material, framed as the preprocessing frames a
// picture (longer side 20 of 28 pixels, centre of mass in the middle), so that the network meets
// them as it meets a drawing: [N,1,28,28] ink in [0,1]. Only the kinds that are neither
// digit-like nor held out for measuring.
class DoodleNegatives {
  public:
    // The doodles setup fetched, loaded and framed once per process. Throws digitpad::Error
    // naming the file when it is missing or damaged.
    static const DoodleNegatives &bundled();

    int64_t size() const { return m_ink.size(0); }
    // `count` doodles drawn at random (torch's generator), as float ink on `device`.
    torch::Tensor draw(int64_t count, torch::Device device) const;

  private:
    torch::Tensor m_ink; // [N,1,28,28] uint8
};

} // namespace digitpad
