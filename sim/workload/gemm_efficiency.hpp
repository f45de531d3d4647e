// How much of a chip's matrix-unit peak one GEMM (or one grouped GEMM) can use, from its shape and
// the chip's structure alone. The output matrix is cut into tiles of tile_m × tile_n, one tile per
// core at a time (an SM on NVIDIA, an AI cube core on Ascend); tiles run in waves of `cores`:
//   tiles  = Σ over groups ceil(M_g / tm) · ceil(N / tile_n)
//   waves  = ceil(tiles / cores)
//   shape efficiency = (Σ M_g · N) / (waves · cores · tm · tile_n)
// which is tile quantization (partial tiles do full-tile work) times wave quantization (a last,
// partly filled wave), as in NVIDIA's "Matrix Multiplication Background" user guide, chapter 3.
// Skinny GEMMs (M_g < tile_m: few tokens per expert) use a shorter tile, the next power of two at or
// above M_g but no shorter than min_tile_m (the matrix instruction's M). A grouped GEMM (local
// experts) schedules every group's tiles in one launch. The memory-bound region (small M, weights
// streamed once per group) is the roofline's byte term, not part of this fraction. The one fitted
// number, catalogue `efficiency.matmul`, is what a perfectly tiled GEMM reaches on top of this.
#pragma once
#include "sim/platform/chip.hpp"  // GemmCores

namespace ascendsim {

struct GemmShape {
  double m = 0;       // rows of the output per group (tokens; tokens per expert for grouped GEMMs)
  double n = 0;       // columns of the output
  double k = 0;       // reduction length
  double groups = 1;  // independent GEMMs of this shape in one launch (local experts)
  bool valid() const { return m > 0 && n > 0 && k > 0 && groups >= 1; }
};


// Fraction in (0, 1]; 1 when cores == 0 or the shape is empty.
double gemm_shape_efficiency(const GemmShape& s, const GemmCores& c);

// Backward of y = x·W (x: m×k, W: k×n): dX = dY·Wᵀ has output m×k (reduction n), dW = xᵀ·dY has
// output k×n (reduction m, per group). Each is half of the backward FLOPs.
GemmShape grad_input_shape(const GemmShape& s);
GemmShape grad_weight_shape(const GemmShape& s);

}  // namespace ascendsim
