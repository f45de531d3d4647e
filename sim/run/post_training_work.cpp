// See post_training_work.hpp. Worked example (tests/unit/test_post_training_work.cpp): a recipe of
// 32 prompts x 16 samples, 16 updates per rollout, 200 + 5,000 tokens, gives 8,192 responses per
// rollout and 512 x 5,200 = 2,662,400 update tokens per step.
#include "sim/run/post_training_work.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "sim/serving/kv_capacity.hpp"
#include "sim/serving/serving_cost.hpp"

namespace ascendsim {

const char* post_training_kind_name(PostTrainingKind k) {
  switch (k) {
    case PostTrainingKind::TokenEquivalent: return "tokens";
    case PostTrainingKind::ChipHours: return "chip_hours";
    case PostTrainingKind::Sft: return "sft";
    case PostTrainingKind::Rl: return "rl";
  }
  return "?";
}

double sft_step_s(const SftRecipe& r, double pretraining_step_s, double pretraining_tokens_per_step) {
  const double tokens = r.tokens_per_step > 0 ? r.tokens_per_step : pretraining_tokens_per_step;
  return pretraining_step_s * tokens / pretraining_tokens_per_step;
}

double rl_update_tokens(const RlRecipe& r) {
  return double(r.prompts_per_step) * double(r.samples_per_prompt) * (r.prompt_tokens + r.response_tokens);
}

double rl_update_s(const RlRecipe& r, double pretraining_step_s, double pretraining_tokens_per_step) {
  // A training step is forward + backward = 3 forward passes of work (6 vs 2 FLOPs per parameter
  // and token); each extra forward-only pass adds a third of the step.
  const double train_s = pretraining_step_s * rl_update_tokens(r) / pretraining_tokens_per_step;
  return train_s * (1.0 + r.extra_forward_passes / 3.0);
}

RolloutTime rl_rollout(const RlRecipe& r, const ServingModel& s, long chips) {
  RolloutTime t;
  const long per_instance = s.dep.decode.npus_per_instance;
  t.instances = per_instance > 0 ? chips / per_instance : 0;
  if (t.instances < 1)
    throw std::invalid_argument("an RL rollout on " + std::to_string(chips) + " chips: one decode instance of " +
                                s.dep.file + " needs " + std::to_string(per_instance));
  t.npus_used = t.instances * per_instance;
  const double dies = std::max(1, s.chip.dies);
  t.sequences = double(r.prompts_per_step) * double(r.samples_per_prompt) * double(r.updates_per_rollout);
  t.sequences_per_npu = t.sequences / double(t.npus_used);
  // Concurrent sequences per NPU: all of them when HBM holds their KV at the mean peak context
  // (prompt + mean response: paged attention holds what each sequence has written), else HBM's limit.
  const long hbm_batch = kv_limited_batch_per_npu(s, r.prompt_tokens + r.response_tokens);
  const long one_long = kv_limited_batch_per_npu(s, r.prompt_tokens + r.max_response_tokens);
  if (hbm_batch < 1 || one_long < 1)
    throw std::invalid_argument("an RL rollout: the weights of " + s.dep.file +
                                " leave no HBM for one sequence of prompt + max response");
  t.batch_per_npu = std::max(1L, std::min(hbm_batch, static_cast<long>(std::ceil(t.sequences_per_npu - 1e-9))));
  t.context_tokens = r.prompt_tokens + r.response_tokens / 2.0;
  t.tpot_s = tpot_s(s, decode_step(s, double(t.batch_per_npu) / dies, t.context_tokens));
  // Continuous batching at that batch: every response token at batch / TPOT per NPU.
  t.throughput_s = t.sequences_per_npu * r.response_tokens * t.tpot_s / double(t.batch_per_npu);
  // The round cannot end before its longest response: max_response tokens one after another, the
  // last of them with the NPU's batch drained to that one sequence (context prompt + max / 2).
  t.tail_tpot_s = tpot_s(s, decode_step(s, 1.0 / dies, r.prompt_tokens + r.max_response_tokens / 2.0));
  t.tail_s = r.max_response_tokens * t.tail_tpot_s;
  t.decode_s = std::max(t.throughput_s, t.tail_s);
  const long prompt_len = std::max(1L, static_cast<long>(std::llround(r.prompt_tokens)));
  const double prefill_rate = prefill_tokens_per_s_per_npu(s, prompt_len);
  t.prefill_s = prefill_rate > 0 ? t.sequences * r.prompt_tokens / (prefill_rate * double(t.npus_used)) : 0;
  t.time_s = t.prefill_s + t.decode_s;
  return t;
}

}  // namespace ascendsim
