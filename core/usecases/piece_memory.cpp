#include "piece_memory.h"

#include <algorithm>

namespace digitpad {

void PieceMemory::forgetUnless(const Classifier &model) {
    if (!m_model.isNull() && &m_model.impl() == &model.impl())
        return;
    m_pieces.clear();
    m_model = model;
}

std::optional<Prediction> PieceMemory::recall(const Classifier &model, const ModelInput &input) {
    forgetUnless(model);
    const auto found = std::find_if(m_pieces.begin(), m_pieces.end(),
                                    [&](const auto &piece) { return piece.first == input; });
    if (found == m_pieces.end())
        return std::nullopt;
    ++m_recalled;
    return found->second;
}

void PieceMemory::remember(const Classifier &model, const ModelInput &input,
                           const Prediction &prediction) {
    forgetUnless(model);
    m_pieces.emplace_front(input, prediction);
    if (m_pieces.size() > kPieces)
        m_pieces.pop_back();
}

} // namespace digitpad
