// Roofline: the slower of the compute and memory terms bounds the time of one operation.
#include "sim/workload/roofline.hpp"

#include <algorithm>

namespace ascendsim {

const char* op_class_name(OpClass c) {
  switch (c) {
    case OpClass::Linear: return "linear";
    case OpClass::AttentionCore: return "attention";
    case OpClass::Elementwise: return "elementwise";
  }
  return "?";
}

static double compute_efficiency(OpClass cls, const EfficiencyFactors& eff) {
  return cls == OpClass::AttentionCore ? eff.attention : eff.matmul;
}

RooflinePoint roofline(double flops, double bytes, Precision precision, OpClass cls, const Chip& chip,
                       const EfficiencyFactors& eff, double shape_efficiency) {
  RooflinePoint r;
  const double shape = cls == OpClass::Linear ? std::clamp(shape_efficiency, 1e-6, 1.0) : 1.0;
  if (flops > 0 && cls != OpClass::Elementwise)
    r.compute_time_s = flops / (chip.peak(precision) * compute_efficiency(cls, eff) * shape);
  if (bytes > 0) r.memory_time_s = bytes / (chip.hbm_bandwidth_Bps.nominal * eff.hbm);
  r.compute_bound = r.compute_time_s >= r.memory_time_s;
  r.time_s = std::max(r.compute_time_s, r.memory_time_s);
  return r;
}

double ridge_point(Precision precision, OpClass cls, const Chip& chip, const EfficiencyFactors& eff) {
  return chip.peak(precision) * compute_efficiency(cls, eff) / (chip.hbm_bandwidth_Bps.nominal * eff.hbm);
}

}  // namespace ascendsim
