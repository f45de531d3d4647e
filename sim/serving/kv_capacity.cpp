// See kv_capacity.hpp. Example (tests/unit/test_kv_capacity.cpp): V4-Flash on CloudMatrix384, INT8
// weights on a 64 GB die leave room for (64e9 - W) / (7,216 B x context) requests per die.
#include "sim/serving/kv_capacity.hpp"

#include <algorithm>
#include <cmath>

namespace ascendsim {

double kv_limited_requests_per_die(const ServingModel& s, double context_tokens) {
  const double room = s.die.hbm_capacity_B.nominal - s.decode_weight_bytes_per_die;
  if (!(room > 0) || !(context_tokens > 0) || !(s.kv_bytes_per_token > 0)) return 0;
  return room / (context_tokens * s.kv_bytes_per_token);
}

long kv_limited_batch_per_npu(const ServingModel& s, double context_tokens) {
  return static_cast<long>(std::floor(kv_limited_requests_per_die(s, context_tokens) * std::max(1, s.chip.dies)));
}

ContextSplit prefill_context_split(const ServingModel& s, long prompt_tokens, double rate_per_npu) {
  ContextSplit c;
  const long dies = std::max(1, s.chip.dies);
  c.prompt_tokens = std::max(1L, prompt_tokens);
  c.chunk_tokens = std::max(1L, s.dep.prefill_batch_tokens / dies);
  c.cp_dies = (c.prompt_tokens + c.chunk_tokens - 1) / c.chunk_tokens;
  c.instance_dies = s.dep.prefill.npus_per_instance * dies;
  c.instances_spanned = (c.cp_dies + c.instance_dies - 1) / std::max(1L, c.instance_dies);
  const double npus = double(c.cp_dies) / double(dies);
  c.prefill_s = rate_per_npu > 0 ? double(c.prompt_tokens) / (rate_per_npu * npus) : 0;
  return c;
}

}  // namespace ascendsim
