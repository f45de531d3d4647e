// Roofline time of one operation on one chip: max(FLOPs / (peak at its precision × efficiency),
// bytes / (HBM bandwidth × efficiency)). Peaks and bandwidth come from the chip catalogue (Chip);
// the efficiency factors are global (platforms/chips.toml [efficiency]), calibrated once.
#pragma once
#include "sim/platform/chip.hpp"

namespace ascendsim {

// Achievable fraction of peak, per class of work. Passed in, never defaulted silently: the
// catalogue's [efficiency] table is the one place these numbers live.
struct EfficiencyFactors {
  double matmul = 1.0;     // dense GEMMs (linear layers, experts, output head)
  double attention = 1.0;  // the attention core (QK^T, softmax, AV), flash-style kernels
  double hbm = 1.0;        // achievable fraction of HBM bandwidth
};

enum class OpClass { Linear, AttentionCore, Elementwise };
const char* op_class_name(OpClass c);

struct RooflinePoint {
  double time_s = 0;
  double compute_time_s = 0;  // FLOPs / achievable peak
  double memory_time_s = 0;   // bytes / achievable bandwidth
  bool compute_bound = false;
};

// Elementwise work uses only the memory term. Throws InputError (via Chip::peak) when the chip has
// no rate for `precision` and flops > 0.
// `shape_efficiency` (0, 1] further scales the compute rate of Linear work: the GEMM shape's tile
// and wave quantization (gemm_efficiency.hpp); 1 for work without a shape.
RooflinePoint roofline(double flops, double bytes, Precision precision, OpClass cls, const Chip& chip,
                       const EfficiencyFactors& eff, double shape_efficiency = 1.0);

// Arithmetic intensity (FLOP/byte) at which the chip turns compute-bound for this precision and class.
double ridge_point(Precision precision, OpClass cls, const Chip& chip, const EfficiencyFactors& eff);

}  // namespace ascendsim
