// Post-training as work (issue 18 item 4): what one unit of an SFT or RL phase costs on a job of N
// chips. Pure math: the SFT step and the RL policy update come from the step level's time (passed
// in), the RL rollout from the serving model's decode and prefill steps (sim/serving/serving_cost,
// the same interface `ascendsim serve` uses). The run level (run_simulation.cpp) runs the units
// through its own failure and checkpoint model. docs/run-level.md "Post-training as work".
#pragma once
#include <string>

namespace ascendsim {

struct ServingModel;

enum class PostTrainingKind {
  TokenEquivalent,  // tokens / tokens_per_step pretraining steps, stretched by the pretraining's ratio
  ChipHours,        // chip_hours / chips of productive time, stretched the same way
  Sft,              // `steps` training steps, run through the run level's failure model
  Rl,               // rounds of rollout generation + policy updates, the same
};
const char* post_training_kind_name(PostTrainingKind k);

// One RL recipe (GRPO-style: a group of samples per prompt, no critic). A round is one rollout
// that generates prompts_per_step x samples_per_prompt x updates_per_rollout responses, followed by
// updates_per_rollout policy-update steps on them (DeepSeek-R1: 8,192 outputs split into 16
// minibatches of 512, one inner epoch).
struct RlRecipe {
  long steps = 0;                 // policy-update steps in the phase
  long prompts_per_step = 0;
  long samples_per_prompt = 0;
  long updates_per_rollout = 1;
  double prompt_tokens = 0;       // mean prompt length
  double response_tokens = 0;     // mean response length
  double max_response_tokens = 0; // the recipe's length cap (the longest response of a rollout)
  // Forward-only passes over the update tokens besides the trained policy's own forward and
  // backward (GRPO: the reference policy's log-probabilities for the KL term, and the old policy's
  // when one rollout feeds several updates). A forward pass is 1/3 of a training step's work.
  double extra_forward_passes = 0;
  std::string deployment_file;    // the serving deployment the rollouts run on (resolved path)
};

struct SftRecipe {
  long steps = 0;
  double tokens_per_step = 0;     // 0: the pretraining's global batch
};

// Seconds of one SFT step: the step level's step at this job size, scaled by the tokens it carries.
double sft_step_s(const SftRecipe& r, double pretraining_step_s, double pretraining_tokens_per_step);

// Tokens one policy-update step trains on: prompts x samples x (prompt + response).
double rl_update_tokens(const RlRecipe& r);
// Seconds of one policy update: the step level's step scaled to the update's tokens, plus the
// extra forward passes at 1/3 of that each.
double rl_update_s(const RlRecipe& r, double pretraining_step_s, double pretraining_tokens_per_step);

// One rollout on `chips` chips laid out as the deployment's decode instances (floor(chips /
// instance NPUs) of them; the rest idle during generation).
struct RolloutTime {
  long instances = 0;
  long npus_used = 0;
  double sequences = 0;               // responses generated in the round
  double sequences_per_npu = 0;
  long batch_per_npu = 0;             // concurrent sequences per NPU: min(sequences, what HBM holds)
  double context_tokens = 0;          // mean KV context over a response: prompt + response / 2
  double tpot_s = 0;                  // per output token at that batch and context
  double throughput_s = 0;            // all response tokens at the batch's rate
  double tail_tpot_s = 0;             // per token of the longest response at one sequence per NPU
  double tail_s = 0;                  // the longest response alone: max_response x tail_tpot
  double decode_s = 0;                // max(throughput, tail)
  double prefill_s = 0;               // all prompts at the prefill rate on the used NPUs
  double time_s = 0;                  // prefill + decode
};
// Throws std::invalid_argument when fewer chips than one decode instance are given, or when the
// model's weights leave no HBM for one sequence of prompt + max response (the caller's inputs
// were checked at load time: this is a job too small for the deployment).
RolloutTime rl_rollout(const RlRecipe& r, const ServingModel& s, long chips);

}  // namespace ascendsim
