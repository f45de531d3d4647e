// Long context (issue 16 item 4): how many requests a die's KV cache holds at a context length,
// and how one long prompt is split over dies for prefill (context parallelism). Pure numbers.
#pragma once
#include "sim/serving/serving_cost.hpp"

namespace ascendsim {

// Requests a decode die holds at `context_tokens` cached tokens each: (HBM per die - resident
// weights per die) / (KV bytes per token x context), not rounded; 0 when the weights fill the die.
// KV bytes per token: every layer's cached entries (sim/serving/serving_cost.cpp; V4's CSA/HCA keep
// compressed entries, its 128-token sliding window is not counted).
double kv_limited_requests_per_die(const ServingModel& s, double context_tokens);
// The per-NPU batch limit that follows: floor(requests per die x dies per NPU).
long kv_limited_batch_per_npu(const ServingModel& s, double context_tokens);

// One prompt of `prompt_tokens` on the prefill pool: a die prefills at most the deployment's
// batch_tokens / dies per NPU tokens at once, so a longer prompt is split into chunks of that size
// over `cp_dies` = ceil(prompt / chunk) dies (context parallelism, each die one chunk, its KV sent to
// the later chunks' dies); `instances_spanned` prefill instances when cp_dies exceeds one instance.
struct ContextSplit {
  long prompt_tokens = 0;
  long chunk_tokens = 0;       // tokens per die
  long cp_dies = 1;            // context-parallel degree (dies sharing one prompt)
  long instance_dies = 0;      // dies of one prefill instance
  long instances_spanned = 1;  // ceil(cp_dies / instance_dies)
  // Time to prefill the prompt with its cp_dies working in parallel at `rate` input tokens/s per NPU
  // (the throughput rate, perfect scaling: the ring exchange of KV between chunks is taken as hidden).
  double prefill_s = 0;
};
ContextSplit prefill_context_split(const ServingModel& s, long prompt_tokens, double input_tokens_per_s_per_npu);

}  // namespace ascendsim
