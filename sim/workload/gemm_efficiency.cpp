// Tile and wave quantization of one (grouped) GEMM over a chip's matrix cores (gemm_efficiency.hpp).
#include "sim/workload/gemm_efficiency.hpp"

#include <algorithm>
#include <cmath>

namespace ascendsim {

static double tile_rows(double m, const GemmCores& c) {
  if (m >= c.tile_m) return c.tile_m;
  double t = std::max(1, c.min_tile_m);
  while (t < m && t < c.tile_m) t *= 2;
  return std::min<double>(t, c.tile_m);
}

double gemm_shape_efficiency(const GemmShape& s, const GemmCores& c) {
  if (c.cores <= 0 || !s.valid() || c.tile_m <= 0 || c.tile_n <= 0) return 1.0;
  const double tm = tile_rows(s.m, c), tn = c.tile_n;
  const double tiles = s.groups * std::ceil(s.m / tm - 1e-9) * std::ceil(s.n / tn - 1e-9);
  const double waves = std::ceil(tiles / double(c.cores) - 1e-9);
  const double issued = waves * double(c.cores) * tm * tn;
  const double useful = s.groups * s.m * s.n;
  return std::clamp(useful / issued, 1e-6, 1.0);
}

GemmShape grad_input_shape(const GemmShape& s) { return GemmShape{s.m, s.k, s.n, s.groups}; }
GemmShape grad_weight_shape(const GemmShape& s) { return GemmShape{s.k, s.n, s.m, s.groups}; }

}  // namespace ascendsim
