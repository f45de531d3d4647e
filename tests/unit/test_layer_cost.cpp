// FLOPs of small hand-sized layers, attention pair sums, and roofline regimes.
#include <catch2/catch.hpp>

#include "sim/config/input_error.hpp"
#include "sim/workload/attention_cost.hpp"
#include "sim/workload/layer_cost.hpp"

using namespace ascendsim;
using Catch::Detail::Approx;

static ModelShape toy(bool moe) {
  ModelShape m;
  m.name = "toy";
  m.layers = 1;
  m.hidden = 64;
  m.vocab = 100;
  m.attention = AttentionKind::GQA;
  m.heads = 4;
  m.gqa.head_dim = 16;
  m.gqa.kv_heads = 2;
  if (moe) {
    m.dense_layers = 0;
    m.routed_experts = 8;
    m.shared_experts = 1;
    m.top_k = 2;
    m.expert_ffn = 32;
  } else {
    m.dense_layers = 1;
    m.dense_ffn = 128;
  }
  return m;
}

TEST_CASE("dense GQA layer forward FLOPs by hand") {
  MicrobatchShape mb;
  mb.sequences = 2;
  mb.seq_len = 8;  // n = 16 tokens
  LayerWork w = layer_forward_work(toy(false), 0, mb);
  // qkv 2·16·64·(4·16 + 2·2·16) = 262,144; o 2·16·64·64 = 131,072; gate+up 2·16·64·256 = 524,288;
  // down 2·16·128·64 = 262,144 → 1,179,648.
  CHECK(w.flops(OpClass::Linear) == 1179648.0);
  // causal pairs 2·(8·9/2) = 72; 2 FLOPs · 4 heads · (16 + 16) dims per pair → 18,432.
  CHECK(w.flops(OpClass::AttentionCore) == 18432.0);
  CHECK(w.flops() == 1179648.0 + 18432);
  mb.tp = 2;  // heads and FFN columns split: everything halves
  LayerWork w2 = layer_forward_work(toy(false), 0, mb);
  CHECK(w2.flops() == (1179648.0 + 18432) / 2);
}

TEST_CASE("MoE layer forward FLOPs by hand, tokens per expert") {
  MicrobatchShape mb;
  mb.sequences = 2;
  mb.seq_len = 8;
  LayerWork w = layer_forward_work(toy(true), 0, mb);
  // attention projections as above 262,144 + 131,072 = 393,216; router 2·16·64·8 = 16,384; shared 2·16·64·64 + 2·16·32·64 =
  // 196,608; routed (16·2 = 32 token-expert pairs) 2·32·64·64 + 2·32·32·64 = 393,216.
  CHECK(w.flops(OpClass::Linear) == 393216.0 + 16384 + 196608 + 393216);
  CHECK(w.tokens_per_expert == 32.0 / 8);
  mb.ep = 4;  // 2 local experts receive all 32 pairs a rank processes: 16 each = n·k·ep/E
  mb.routing_skew = 0;
  LayerWork w4 = layer_forward_work(toy(true), 0, mb);
  CHECK(w4.tokens_per_expert == 16.0);
  // The busiest of 4 ranks gets 1 + z(4)·sqrt(0.75/32) = 1 + 1.0491314·0.1530931 = 1.1606148 × the pairs.
  CHECK(w4.expert_imbalance == Approx(1.1606148).epsilon(1e-6));
  CHECK(w4.flops(OpClass::Linear) == Approx(393216.0 + 16384 + 196608 + 393216 * 1.1606148).epsilon(1e-6));
}

TEST_CASE("attention pair sums: causal, window, compressed (CSA cap and HCA)") {
  CHECK(causal_pairs(8) == 36);
  CHECK(window_pairs(8, 3) == 1 + 2 + 3 + 3 * 5);
  CHECK(compressed_pairs(8, 4, -1) == 0 + 0 + 0 + 1 + 1 + 1 + 1 + 2);
  CHECK(compressed_pairs(8, 4, 1) == 5);
  for (long s : {1L, 127L, 4096L, 10000L}) {  // closed forms against a brute-force loop
    double csa = 0, hca = 0, win = 0;
    for (long t = 1; t <= s; ++t) {
      csa += std::min(1024L, t / 4);
      hca += t / 128;
      win += std::min(t, 128L);
    }
    CHECK(compressed_pairs(s, 4, 1024) == csa);
    CHECK(compressed_pairs(s, 128, -1) == hca);
    CHECK(window_pairs(s, 128) == win);
  }
  // At 1 M tokens CSA visits at most 1024 + 128 keys per query: far below dense causal.
  CHECK(compressed_pairs(1 << 20, 4, 1024) + window_pairs(1 << 20, 128) < 1152.0 * (1 << 20));
}

static Chip test_chip() {
  Chip c;
  c.name = "test";
  c.display_name = "Test chip";
  c.peak_flops[Precision::BF16] = 100e12;  // ridge at 100 FLOP/byte with 1 TB/s
  c.hbm_bandwidth_Bps = 1e12;
  c.hbm_capacity_B = 64e9;
  return c;
}

TEST_CASE("roofline switches between compute-bound and memory-bound") {
  Chip c = test_chip();
  EfficiencyFactors e{1.0, 1.0, 1.0};
  CHECK(ridge_point(Precision::BF16, OpClass::Linear, c, e) == Approx(100));
  RooflinePoint hi = roofline(1e12, 1e9, Precision::BF16, OpClass::Linear, c, e);  // intensity 1000
  CHECK(hi.compute_bound);
  CHECK(hi.time_s == Approx(0.01));  // 1e12 / 1e14
  RooflinePoint lo = roofline(1e10, 1e9, Precision::BF16, OpClass::Linear, c, e);  // intensity 10
  CHECK_FALSE(lo.compute_bound);
  CHECK(lo.time_s == Approx(1e-3));  // 1e9 / 1e12
  EfficiencyFactors half{0.5, 0.25, 0.5};
  CHECK(roofline(1e12, 1e9, Precision::BF16, OpClass::Linear, c, half).time_s == Approx(0.02));
  CHECK(roofline(1e12, 1e9, Precision::BF16, OpClass::AttentionCore, c, half).time_s == Approx(0.04));
  CHECK(roofline(1e10, 1e9, Precision::BF16, OpClass::Linear, c, half).time_s == Approx(2e-3));
  // A 4096³ GEMM is compute-bound, the same weights applied to one token are memory-bound.
  MicrobatchShape big;
  big.sequences = 1;
  big.seq_len = 4096;
  ModelShape m;
  m.hidden = 4096;
  m.heads = 32;
  m.gqa = {128, 32};
  m.dense_layers = 1;
  m.dense_ffn = 4096;
  m.layers = 1;
  for (const Op& o : layer_forward_work(m, 0, big).ops)
    if (o.name == "ffn down") CHECK(roofline(o.flops, o.bytes, o.precision, o.cls, c, e).compute_bound);
  big.seq_len = 1;
  for (const Op& o : layer_forward_work(m, 0, big).ops)
    if (o.name == "ffn down") CHECK_FALSE(roofline(o.flops, o.bytes, o.precision, o.cls, c, e).compute_bound);
  // No FP8 rate in the catalogue: asking for it is an input error, not a fallback.
  CHECK_THROWS_AS(roofline(1e9, 1e6, Precision::FP8, OpClass::Linear, c, e), InputError);
}
