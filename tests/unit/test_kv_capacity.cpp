// Long context (issue 16 item 4): the KV cache per die decides the largest decode batch, and a
// long prompt's prefill is split over dies (context parallelism). Limits worked out by hand.
#include <catch2/catch.hpp>

#include "sim/serving/kv_capacity.hpp"

using namespace ascendsim;

namespace {
ServingModel flash_cm384() {
  const Deployment d = load_deployment("workloads/serve/deepseek-v4-flash_cloudmatrix384.toml");
  const ChipCatalogue cat = load_chip_catalogue();
  return make_serving_model(load_model(d.model_file), cat.find(d.chip), d, serving_efficiency(cat));
}
}  // namespace

TEST_CASE("KV-cache limit per die for V4-Flash on CloudMatrix384 at 8k, 128k and 1M tokens", "[serving][kv]") {
  const ServingModel s = flash_cm384();
  // KV bytes per token, BF16 (2 B) cache, V4-Flash config.json: kv_width 512, index_head_dim 128,
  // CSA 4x and HCA 128x compression; 43 layers: layers 0-1 modelled as HCA (512 / 128 x 2 = 8 B each),
  // then 21 CSA ((512 + 128) / 4 x 2 = 320 B) and 20 HCA (8 B) alternating, plus the MTP draft layer
  // (the last layer's kind, CSA: 320 B): 16 + 6,720 + 160 + 320 = 7,216 B per token.
  CHECK(s.kv_bytes_per_token == Approx(7216));
  // A 910C die: 128 GB / 2 = 64 GB of HBM (chips.toml). Weights resident on a decode die: W (INT8).
  CHECK(s.die.hbm_capacity_B.nominal == Approx(64e9));
  const double W = s.decode_weight_bytes_per_die;
  REQUIRE(W == Approx(7.8999e9).epsilon(1e-4));  // the model's count; the limit below is by hand from it
  // (64e9 - 7,899,893,824) / (7,216 x 8,192)     = 56,100,106,176 / 59,113,472    = 949.02 per die
  // (64e9 - 7,899,893,824) / (7,216 x 131,072)   = 56,100,106,176 / 945,815,552   = 59.314 per die
  // (64e9 - 7,899,893,824) / (7,216 x 1,048,576) = 56,100,106,176 / 7,566,524,416 = 7.4143 per die
  CHECK(kv_limited_requests_per_die(s, 8192) == Approx(949.024).epsilon(1e-5));
  CHECK(kv_limited_requests_per_die(s, 131072) == Approx(59.3140).epsilon(1e-5));
  CHECK(kv_limited_requests_per_die(s, 1048576) == Approx(7.41425).epsilon(1e-5));
  // Per NPU (2 dies): floor(2 x per die) = 1,898, 118 and 14 requests.
  CHECK(kv_limited_batch_per_npu(s, 8192) == 1898);
  CHECK(kv_limited_batch_per_npu(s, 131072) == 118);
  CHECK(kv_limited_batch_per_npu(s, 1048576) == 14);
}

TEST_CASE("Prefill of a 1M-token prompt: chunks of batch_tokens per die, one per die", "[serving][kv]") {
  const ServingModel s = flash_cm384();
  // batch_tokens per NPU (the deployment's prefill.batch_tokens) / 2 dies = tokens a die prefills at once.
  const long chunk = s.dep.prefill_batch_tokens / 2;
  const ContextSplit c = prefill_context_split(s, 1048576, 1000.0);
  CHECK(c.chunk_tokens == chunk);
  CHECK(c.cp_dies == (1048576 + chunk - 1) / chunk);
  CHECK(c.instance_dies == s.dep.prefill.npus_per_instance * 2);
  CHECK(c.instances_spanned == (c.cp_dies + c.instance_dies - 1) / c.instance_dies);
  // At 1,000 input tokens/s per NPU, cp_dies / 2 NPUs in parallel: 1,048,576 / (1,000 x cp_dies / 2) s.
  CHECK(c.prefill_s == Approx(1048576.0 / (1000.0 * c.cp_dies / 2)));
  // A prompt that fits one chunk stays on one die.
  CHECK(prefill_context_split(s, chunk, 1000.0).cp_dies == 1);
}
