#pragma once
// Torch-facing: included only by core's .cpp files.

#include <torch/torch.h>

namespace digitpad {

// Random affine (rotation, scale, aspect, shear, shift), elastic distortion on a quarter of the
// digits, and thicker or thinner strokes on some,
// applied to a [N,1,28,28] ink batch in [0,1]. Draws from torch's global generator, so a run is
// reproducible under torch::manual_seed.
torch::Tensor augmentBatch(const torch::Tensor &ink);

// A third of a batch ([N,1,28,28] ink in [0,1]) with sharper edges: the grey rim of each stroke
// goes (ink 0.3 -> 0, 0.7 -> 1). A picture's preprocessing leaves crisper edges than MNIST's, and
// every resampling of training ink softens them further, stick figures (resampled twice) most:
// a network then learns a stroke's softness as a sign of "not a digit", and a crisply drawn
// square or triangle reads as a 0. Applied to digits and negatives alike.
torch::Tensor withSharperEdges(const torch::Tensor &ink);

// Digits ([N,1,28,28] ink in [0,1]) redrawn as a pen on a canvas draws them: the shape traced
// at four times the resolution with a pen of random width and hard edges, then reduced again.
// For calibrating what "not a digit" means on drawings, not only on MNIST's scans.
torch::Tensor redrawnWithPen(const torch::Tensor &ink);

// The European 1: a quarter of the 1s of a batch ([N,1,28,28] ink, [N] labels) get a flag, a
// short stroke from the top falling to the left, drawn with the 1's own pen. MNIST's writers
// seldom drew it, and a 1 with a long flag was read as a 7.
torch::Tensor withFlaggedOnes(const torch::Tensor &ink, const torch::Tensor &labels);

// Narrow 0s: three in ten of the 0s of a batch ([N,1,28,28] ink, [N] labels) squeezed to 0.45 to
// 0.8 of their width, about the centre, and half of them mirrored. MNIST's writers drew round 0s
// leaning right, and the not-a-digit class learns narrow quadrilaterals with pen-rounded corners
// leaning either way (makeStickFigures): a tall oval 0 was rejected one time in eight.
torch::Tensor withNarrowZeros(const torch::Tensor &ink, const torch::Tensor &labels);

// 8s drawn as two loops, one on the other: a fifth of the 8s of a batch ([N,1,28,28] ink, [N]
// labels) replaced by two of the batch's 0s, squeezed and stacked, the lower one the larger.
// MNIST's writers drew their 8s in one twisted stroke, and an 8 of two round loops read as 0.
torch::Tensor withLoopedEights(const torch::Tensor &ink, const torch::Tensor &labels);

// `count` examples of "not a digit" made out of a batch of digits ([N,1,28,28] ink and [N]
// labels): two digits overlaid out of step, a digit cut into quarters put back in the wrong
// places, a digit crossed out, a digit turned on its side, a digit filled in (a blot); and, when
// the batch has 1s, for half of them a figure of straight strokes (makeStickFigures).
// Handwriting, but no digit.
torch::Tensor makeNonDigits(const torch::Tensor &ink, const torch::Tensor &labels, int64_t count);

// `count` figures of straight strokes, all of one figure drawn with one handwritten 1 of `ones`
// ([M,1,28,28], M > 0) straightened (its lean, centre and length from its ink, so strokes meet
// at the corners), then turned and stretched along each stroke with its pen width kept (a third
// of the figures then thickened, as markers draw): the shapes, letters and symbols people draw
// when they do not write a digit (figure_shapes.h: makeFigureSticks).
torch::Tensor makeStickFigures(const torch::Tensor &ones, int64_t count);

} // namespace digitpad
