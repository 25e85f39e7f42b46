#include "not_digit_views.h"

#include "digit_image.h"

#include <array>
#include <cmath>

namespace digitpad {

namespace {
namespace F = torch::nn::functional;

// Where each pixel of the four views is read from in the ink, [4,28,28,2]: the views never
// change, so the grid is made once and every reading samples all four views in one call.
torch::Tensor viewGrid() {
    struct View {
        double degrees, scale;
    };
    constexpr std::array<View, kNotDigitViews - 1> views{
        {{-12.0, 1.0}, {12.0, 1.0}, {0.0, 0.88}, {0.0, 1.12}}};
    std::vector<double> thetas;
    for (const View &view : views) {
        // affine_grid maps each output pixel to where it is read from: the inverse transform.
        const double radians = view.degrees * M_PI / 180.0;
        const double c = std::cos(radians) / view.scale, s = std::sin(radians) / view.scale;
        thetas.insert(thetas.end(), {c, -s, 0.0, s, c, 0.0});
    }
    constexpr int64_t count = kNotDigitViews - 1;
    const auto theta = torch::tensor(thetas, torch::kFloat32).view({count, 2, 3});
    torch::NoGradGuard noGrad;
    return F::affine_grid(theta, {count, 1, kImageSide, kImageSide}, /*align_corners=*/false);
}
} // namespace

torch::Tensor notDigitViews(const torch::Tensor &ink) {
    TORCH_CHECK(ink.size(-1) == kImageSide && ink.size(-2) == kImageSide,
                "not-a-digit views are of 28x28 ink");
    static const torch::Tensor grid = viewGrid();
    const int64_t n = ink.size(0), views = grid.size(0);
    // View after view: the four views of the first picture are rows 0, n, 2n and 3n.
    const auto repeated = ink.repeat({views, 1, 1, 1});
    const auto grids = grid.to(ink.options())
                           .unsqueeze(1)
                           .expand({views, n, grid.size(1), grid.size(2), 2})
                           .reshape({views * n, grid.size(1), grid.size(2), 2});
    return F::grid_sample(repeated, grids, F::GridSampleFuncOptions().align_corners(false));
}

} // namespace digitpad
