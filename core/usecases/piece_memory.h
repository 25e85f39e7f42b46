#pragma once

#include "classifier.h"
#include "digit_image.h"
#include "prediction.h"

#include <cstddef>
#include <deque>
#include <optional>
#include <utility>

namespace digitpad {

// What one model said of the pieces of the pictures read last. While the pen moves, the Draw tab
// reads the canvas again and again, and every piece but the one being drawn gives the very same
// 28x28 input each time: those are recalled instead of read through the network again. One
// reader (one thread) holds one; a different model forgets everything.
class PieceMemory {
  public:
    std::optional<Prediction> recall(const Classifier &model, const ModelInput &input);
    void remember(const Classifier &model, const ModelInput &input, const Prediction &prediction);
    // How many recalls found their input: what the network was spared.
    int recalled() const { return m_recalled; }

  private:
    // Inputs remembered, newest first: a few readings' pieces and the cuts tried on them.
    static constexpr std::size_t kPieces = 128;
    // Held, not pointed to: a model freed while remembered could leave its address to the next.
    Classifier m_model;
    std::deque<std::pair<ModelInput, Prediction>> m_pieces;
    int m_recalled = 0;

    void forgetUnless(const Classifier &model);
};

} // namespace digitpad
