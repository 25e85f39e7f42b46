#include "paper_damage.h"

#include <cmath>

namespace digitpad {

namespace {
namespace F = torch::nn::functional;

constexpr double kDamagedShare = 0.3;

// One random number in [low, high) per picture, as [N,1,1,1].
torch::Tensor perPicture(const torch::Tensor &like, double low, double high) {
    return (torch::rand({like.size(0), 1, 1, 1}, like.options()) * (high - low) + low);
}

torch::Tensor grain(const torch::Tensor &ink) {
    return ink + torch::randn_like(ink) * perPicture(ink, 0.05, 0.35);
}

torch::Tensor saltAndPepper(const torch::Tensor &ink) {
    const auto hit = torch::rand_like(ink) < perPicture(ink, 0.02, 0.15);
    const auto salt = (torch::rand_like(ink) < 0.5).to(ink.dtype());
    return torch::where(hit, salt, ink);
}

torch::Tensor blurred(const torch::Tensor &ink) {
    const auto taps = torch::tensor({1.0f, 2.0f, 1.0f}, ink.options()) / 4;
    const auto kernel = torch::outer(taps, taps).view({1, 1, 3, 3});
    const auto once = F::conv2d(ink, kernel, F::Conv2dFuncOptions().padding(1));
    const auto twice = F::conv2d(once, kernel, F::Conv2dFuncOptions().padding(1));
    return torch::where(torch::rand({ink.size(0), 1, 1, 1}, ink.options()) < 0.5, once, twice);
}

// Paper that is not black at the network's input: the ink lies between a raised black level and
// a lowered white.
torch::Tensor lowContrast(const torch::Tensor &ink) {
    const auto black = perPicture(ink, 0.0, 0.5);
    const auto white = torch::maximum(black + 0.25, perPicture(ink, 0.5, 1.0));
    return black + (white - black) * ink;
}

// Positions of the 28x28 grid, centred, in pixels.
std::pair<torch::Tensor, torch::Tensor> pixelGrid(const torch::Tensor &ink) {
    const int64_t side = ink.size(-1);
    const auto positions = torch::arange(side, ink.options()) - (double(side) - 1) / 2;
    return {positions.view({1, 1, 1, side}), positions.view({1, 1, side, 1})};
}

torch::Tensor stripes(const torch::Tensor &ink) {
    const auto [x, y] = pixelGrid(ink);
    const auto angle = perPicture(ink, 0, M_PI), period = perPicture(ink, 3, 12);
    const auto phase = perPicture(ink, 0, 2 * M_PI);
    const auto across = x * torch::cos(angle) + y * torch::sin(angle);
    return ink + perPicture(ink, 0.1, 0.4) * torch::sin(across * (2 * M_PI) / period + phase);
}

// A thin line across the picture, broken into dots or bent into a zigzag: a ruled or folded
// page, not a stroke of the writer's.
torch::Tensor lineAcross(const torch::Tensor &ink) {
    const auto [x, y] = pixelGrid(ink);
    const auto angle = perPicture(ink, 0, M_PI);
    const auto along = x * torch::cos(angle) + y * torch::sin(angle);
    const auto across = -x * torch::sin(angle) + y * torch::cos(angle);
    const auto period = perPicture(ink, 3, 7);
    const auto zigzag = torch::rand({ink.size(0), 1, 1, 1}, ink.options()) < 0.5;
    // A triangle wave of the position along the line, between -1 and 1.
    const auto wave = 2 * torch::abs(2 * (along / period - torch::floor(along / period + 0.5))) - 1;
    const auto offset = perPicture(ink, -8, 8) +
                        torch::where(zigzag, perPicture(ink, 1, 3) * wave, torch::zeros_like(wave));
    const auto width = perPicture(ink, 0.5, 1.1);
    auto line = (width + 0.5 - torch::abs(across - offset)).clamp(0.0, 1.0);
    const auto dots = (torch::sin(along * (2 * M_PI) / period) > 0).to(ink.dtype());
    line = torch::where(zigzag, line, line * dots);
    return torch::maximum(ink, line * perPicture(ink, 0.4, 1.0));
}

torch::Tensor outline(const torch::Tensor &ink) {
    const auto eroded = -F::max_pool2d(-ink, F::MaxPool2dFuncOptions(3).stride(1).padding(1));
    const auto edge = ink - eroded;
    return edge / edge.amax({1, 2, 3}, true).clamp_min(0.1);
}

using Damage = torch::Tensor (*)(const torch::Tensor &);
// In the order of PaperDamage.
constexpr Damage kDamages[] = {grain,   saltAndPepper, blurred, lowContrast,
                               stripes, lineAcross,    outline};
constexpr int64_t kinds = sizeof(kDamages) / sizeof(kDamages[0]);
static_assert(kinds == int64_t(kLastPaperDamage) + 1);
} // namespace

const char *paperDamageName(PaperDamage kind) {
    static constexpr const char *kNames[] = {"grain",   "salt and pepper", "blur",   "low contrast",
                                             "stripes", "line across",     "outline"};
    return kNames[int(kind)];
}

torch::Tensor withPaperDamage(const torch::Tensor &ink, PaperDamage kind) {
    return kDamages[int(kind)](ink).clamp_(0.0, 1.0);
}

torch::Tensor withPaperDamage(const torch::Tensor &ink) {
    const int64_t n = ink.size(0);
    const auto options = ink.options();
    const auto kind = torch::where(torch::rand({n}, options) < kDamagedShare,
                                   torch::randint(kinds, {n}, options.dtype(torch::kLong)),
                                   torch::full({n}, -1, options.dtype(torch::kLong)));
    auto result = ink.clone();
    for (int64_t k = 0; k < kinds; ++k) {
        const auto picked = kind.eq(k).nonzero().squeeze(1);
        if (picked.numel() > 0)
            result.index_copy_(0, picked, kDamages[k](ink.index_select(0, picked)));
    }
    return result.clamp_(0.0, 1.0);
}

} // namespace digitpad
