// TP x EP split of routed-expert work (issue 14): per-rank expert FLOPs, bytes, stored activations
// and all-to-all volume worked out by hand; GEMM tile/wave quantization and expert imbalance.
#include <catch2/catch.hpp>

#include "sim/workload/comm_volume.hpp"
#include "sim/workload/expert_balance.hpp"
#include "sim/workload/gemm_efficiency.hpp"
#include "sim/workload/layer_cost.hpp"
#include "sim/workload/memory.hpp"
#include "sim/workload/training_plan.hpp"

using namespace ascendsim;
using Catch::Detail::Approx;

namespace {

// hidden 64, 8 routed experts of width 32, top-2, one shared expert, GQA 8 heads (8 KV heads).
ModelShape moe_toy(long experts) {
  ModelShape m;
  m.name = "moe-toy";
  m.layers = 1;
  m.hidden = 64;
  m.vocab = 128;
  m.attention = AttentionKind::GQA;
  m.heads = 8;
  m.gqa.head_dim = 8;
  m.gqa.kv_heads = 8;
  m.routed_experts = experts;
  m.shared_experts = 1;
  m.top_k = 2;
  m.expert_ffn = 32;
  return m;
}

double routed_flops(const LayerWork& w) {
  double f = 0;
  for (const auto& o : w.ops)
    if (o.name.rfind("routed experts", 0) == 0) f += o.flops;
  return f;
}
double routed_linear_bytes(const LayerWork& w) {
  double b = 0;
  for (const auto& o : w.ops)
    if (o.name.rfind("routed experts", 0) == 0) b += o.bytes;
  return b;
}

}  // namespace

TEST_CASE("expected max of standard normals (Blom) and the imbalance closed form") {
  // Exact E[max of 2 N(0,1)] = 1/sqrt(pi) = 0.5642; Blom gives Phi^-1(1.625/2.25) = 0.5895.
  CHECK(expected_max_standard_normal(2) == Approx(0.5894558).epsilon(1e-6));
  CHECK(expected_max_standard_normal(1) == 0.0);
  // Phi^-1(31.625/32.25) = 2.066729.
  CHECK(expected_max_standard_normal(32) == Approx(2.066729).epsilon(1e-6));
  CHECK(expert_load_imbalance(100, 1, 8, 0.5) == 1.0);
  // P = 16 pairs, ep 4, no skew: 1 + 1.049131 * sqrt(0.75 / 16) = 1.2271436.
  CHECK(expert_load_imbalance(16, 4, 2, 0) == Approx(1.2271436).epsilon(1e-6));
  // DeepSeek-V3 stage: P = 4096 * 8, ep 64, 4 local experts, skew 0.06:
  // 1 + 2.336691 * sqrt((63/64) / 32768 + 0.0036 / 4) = 1.071261.
  CHECK(expert_load_imbalance(4096.0 * 8, 64, 4, 0.06) == Approx(1.071261).epsilon(1e-6));
  // More tokens per rank -> better balance; more skew -> worse.
  CHECK(expert_load_imbalance(1000, 8, 4, 0.1) < expert_load_imbalance(100, 8, 4, 0.1));
  CHECK(expert_load_imbalance(1000, 8, 4, 0.2) > expert_load_imbalance(1000, 8, 4, 0.1));
}

TEST_CASE("TP 2 / EP 4: a rank computes n*k/tp routed pairs, not n*k") {
  MicrobatchShape mb;
  mb.sequences = 2;
  mb.seq_len = 8;  // n = 16 tokens
  mb.tp = 2;
  mb.ep = 4;
  mb.sequence_parallel = true;
  mb.routing_skew = 0;
  const LayerWork w = layer_forward_work(moe_toy(8), 0, mb);
  // Mean pairs per rank = 16 * 2 / 2 = 16 over 8/4 = 2 local experts: 8 tokens per expert.
  CHECK(w.tokens_per_expert == 8.0);
  // Busiest rank: 1 + z(4) sqrt((1 - 1/4) / 16) = 1.2271436 -> 19.634 pairs.
  const double imb = 1.2271436;
  CHECK(w.expert_imbalance == Approx(imb).epsilon(1e-6));
  // FLOPs: gate+up 2*pairs*64*64 + down 2*pairs*32*64 = 12,288 * pairs = 196,608 * imb (the old model,
  // all n*k = 32 pairs per rank: 393,216 * imb, twice too much).
  CHECK(routed_flops(w) == Approx(196608.0 * imb).epsilon(1e-6));
  // Bytes: gate+up pairs*(64+64)*2 + 2 experts*64*64*2 B; down pairs*(32+64)*2 + 2*32*64*2 B
  //      = 448*pairs + 24,576.
  CHECK(routed_linear_bytes(w) == Approx(448.0 * 16 * imb + 24576).epsilon(1e-6));
  // Stored routed activations (no recompute): per pair (h + 2f + f + h) = 224 elements, 2 B, for
  // 16*imb pairs = 7,168*imb B; with ep = 1 (experts tensor-split 2 ways, all 32 pairs):
  // 32 * (64 + 32 + 16 + 64) * 2 = 11,264 B. Everything else in the layer is the same.
  MicrobatchShape one = mb;
  one.ep = 1;
  const double diff = layer_activation_bytes(moe_toy(8), 0, mb, RecomputeKind::None) -
                      layer_activation_bytes(moe_toy(8), 0, one, RecomputeKind::None);
  CHECK(diff == Approx(7168.0 * imb - 11264).epsilon(1e-6));
  // Per-rank expert FLOPs with ep = 1 (n*k pairs, width f/tp): 6 * 32 * 64 * 16 = 196,608: the
  // same work per rank as balanced ep = 4, as it must be.
  CHECK(routed_flops(layer_forward_work(moe_toy(8), 0, one)) == 196608.0);
}

TEST_CASE("TP 8 / EP 32: per-rank expert FLOPs and all-to-all bytes by hand") {
  TrainingPlan p;
  p.model = moe_toy(64);
  p.seq_len = 64;
  p.global_batch_sequences = 4;
  p.micro_batch_sequences = 1;
  p.tp = 8, p.pp = 1, p.dp = 4, p.ep = 32, p.chips = 32;
  p.sequence_parallel = true;
  p.routing_skew = 0;
  p.dispatch_bytes = 1;
  const MicrobatchShape mb = p.microbatch();
  const LayerWork w = layer_forward_work(p.model, 0, mb);
  // n = 64 tokens; mean pairs per rank 64 * 2 / 8 = 16 over 64/32 = 2 local experts.
  CHECK(w.tokens_per_expert == 8.0);
  // 1 + z(32) sqrt((31/32) / 16) = 1 + 2.066729 * 0.246063 = 1.508545.
  const double imb = 1.5085450;
  CHECK(w.expert_imbalance == Approx(imb).epsilon(1e-6));
  // 12,288 FLOPs per pair (as above): 196,608 * imb; the old model had 128 pairs: 1,572,864 * imb.
  CHECK(routed_flops(w) == Approx(196608.0 * imb).epsilon(1e-6));
  CHECK(routed_linear_bytes(w) == Approx(448.0 * 16 * imb + 24576).epsilon(1e-6));
  // Dispatch per rank: the same 16 * imb pairs of hidden 64 at 1 B (FP8); combine at 2 B.
  bool saw = false;
  for (const auto& v : stage_comm_volumes(p, 0)) {
    if (v.what == "moe dispatch") {
      saw = true;
      CHECK(v.bytes == Approx(16 * imb * 64 * 1).epsilon(1e-6));
    }
    if (v.what == "moe combine") CHECK(v.bytes == Approx(16 * imb * 64 * 2).epsilon(1e-6));
  }
  CHECK(saw);
}

TEST_CASE("GEMM tile and wave quantization by hand") {
  const GemmCores h100{132, 128, 256, 64};
  // 8192 x 2304: 64 x 9 = 576 tiles over 132 SMs -> 5 waves (660 slots): 576/660.
  CHECK(gemm_shape_efficiency(GemmShape{8192, 2304, 16384, 1}, h100) == Approx(576.0 / 660));
  // 200 tokens per expert x 4096, 8 experts: tile rows 128 -> 2 row tiles; 16 column tiles;
  // 256 tiles -> 2 waves (264 slots); useful 8*200*4096 / (264*128*256).
  CHECK(gemm_shape_efficiency(GemmShape{200, 4096, 7168, 8}, h100) == Approx(8.0 * 200 * 4096 / (264.0 * 128 * 256)));
  // Skinny: 20 rows use a 64-row tile (the wgmma minimum): 20/64 at best.
  CHECK(gemm_shape_efficiency(GemmShape{20, 256 * 132, 1024, 1}, h100) == Approx(20.0 / 64));
  // Ascend-like 16-row minimum: 20 rows -> 32-row tile.
  CHECK(gemm_shape_efficiency(GemmShape{20, 256 * 48, 1024, 1}, GemmCores{48, 128, 256, 16}) == Approx(20.0 / 32));
  // No structure given: no quantization.
  CHECK(gemm_shape_efficiency(GemmShape{3, 3, 3, 1}, GemmCores{}) == 1.0);
}
