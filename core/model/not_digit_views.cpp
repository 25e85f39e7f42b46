#include "not_digit_views.h"

#include <array>
#include <cmath>

namespace digitpad {

torch::Tensor notDigitViews(const torch::Tensor &ink) {
    namespace F = torch::nn::functional;
    struct View {
        double degrees, scale;
    };
    constexpr std::array<View, kNotDigitViews - 1> views{
        {{-12.0, 1.0}, {12.0, 1.0}, {0.0, 0.88}, {0.0, 1.12}}};
    const int64_t n = ink.size(0);
    std::vector<torch::Tensor> viewed;
    viewed.reserve(views.size());
    for (const View &view : views) {
        // affine_grid maps each output pixel to where it is read from: the inverse transform.
        const double radians = view.degrees * M_PI / 180.0;
        const double c = std::cos(radians) / view.scale, s = std::sin(radians) / view.scale;
        const auto theta =
            torch::tensor({c, -s, 0.0, s, c, 0.0}, ink.options()).view({1, 2, 3}).expand({n, 2, 3});
        const auto grid = F::affine_grid(theta, ink.sizes(), /*align_corners=*/false);
        viewed.push_back(
            F::grid_sample(ink, grid, F::GridSampleFuncOptions().align_corners(false)));
    }
    return torch::cat(viewed);
}

} // namespace digitpad
