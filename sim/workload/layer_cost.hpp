// Forward work of one layer for one microbatch on one chip, as a list of operations (linear
// projections, attention core, elementwise passes), each with FLOPs, HBM bytes and the precision its
// compute runs at. Backward is 2× forward FLOPs and bytes (dX and dW); recomputation adds forward work.
#pragma once
#include <string>
#include <vector>

#include "sim/platform/chip.hpp"
#include "sim/workload/gemm_efficiency.hpp"
#include "sim/workload/model_shape.hpp"
#include "sim/workload/roofline.hpp"

namespace ascendsim {

struct MicrobatchShape {
  long sequences = 1;   // b
  long seq_len = 4096;  // s
  long tp = 1;          // tensor-parallel degree (heads and FFN columns split)
  long ep = 1;          // expert-parallel degree (routed experts split)
  bool sequence_parallel = false;  // norms and residual work split over tp
  Precision precision = Precision::BF16;  // GEMM precision of linear layers
  int activation_bytes = 2;               // activations between ops stay BF16
  double routing_skew = 0;                // std/mean of per-expert routing share in a step (expert_balance.hpp)
  long tokens() const { return sequences * seq_len; }
};

struct Op {
  std::string name;
  OpClass cls = OpClass::Linear;
  Precision precision = Precision::BF16;
  double flops = 0;
  double bytes = 0;
  GemmShape shape;  // Linear ops: the GEMM's shape (groups = local experts); empty otherwise
};

enum class RecomputeKind { None, Selective, Full };
const char* recompute_name(RecomputeKind r);

struct LayerWork {
  std::string name;  // "layer 12 (mla, moe)", "embedding", "output head", "mtp 0"
  std::vector<Op> ops;
  double tokens_per_expert = 0;  // mean routed pairs each local expert receives (0 for dense layers)
  double expert_imbalance = 1;   // busiest expert-parallel rank's pairs / mean (1 for dense layers)
  double flops(OpClass cls) const;
  double flops() const;
  double bytes() const;
  // Forward work that recomputation repeats: None nothing; Selective the attention core and the
  // elementwise passes (norms, activations); Full everything.
  double recompute_flops(RecomputeKind r) const;
};

struct WorkTime {
  double forward_s = 0;
  double backward_s = 0;   // 2 × forward, op by op
  double recompute_s = 0;  // forward work repeated before backward
};

LayerWork layer_forward_work(const ModelShape& m, long layer, const MicrobatchShape& mb);
LayerWork embedding_forward_work(const ModelShape& m, const MicrobatchShape& mb);
LayerWork head_forward_work(const ModelShape& m, const MicrobatchShape& mb);  // output head + loss
LayerWork mtp_forward_work(const ModelShape& m, long module, const MicrobatchShape& mb);  // block + projection + head

// Forward and backward roofline time of one op on one chip; Linear ops with a shape are slowed by
// their tile/wave quantization on chip.gemm (backward: dX and dW GEMMs, half the FLOPs each).
struct OpTime { double forward_s = 0, backward_s = 0; };
OpTime op_time(const Op& o, const Chip& chip, const EfficiencyFactors& eff);

WorkTime work_time(const LayerWork& w, RecomputeKind r, const Chip& chip, const EfficiencyFactors& eff);

}  // namespace ascendsim
