// Everything the step executor needs about one training step, in plain numbers: per-chunk and
// per-stage compute time of one microbatch (forward, backward, recomputation), optimizer time,
// communication volumes, memory per chip, and the model FLOPs per step used for MFU.
#pragma once
#include <vector>

#include "sim/workload/comm_volume.hpp"
#include "sim/workload/memory.hpp"
#include "sim/workload/pipeline_layout.hpp"
#include "sim/workload/roofline.hpp"

namespace ascendsim {

struct ChunkCost {
  StageChunk chunk;
  double forward_s = 0, backward_s = 0, recompute_s = 0;  // one microbatch on one chip
  double forward_flops = 0;                               // one microbatch on one chip
  double recompute_flops = 0;                             // forward work repeated before backward
  double tokens_per_expert = 0;                           // routed tokens per local expert (MoE chunks)
  double expert_imbalance = 1;                            // busiest EP rank's pairs / mean (MoE chunks)
};

struct StageCost {
  long stage = 0;
  double forward_s = 0, backward_s = 0, recompute_s = 0;  // one microbatch through all chunks of the stage
  double forward_flops = 0;
};

struct StepCost {
  long chips = 0;
  long microbatches = 0;  // per data-parallel rank per step
  double tokens_per_step = 0;
  std::vector<ChunkCost> chunks;  // in model order
  std::vector<StageCost> stages;
  double optimizer_s = 0;         // optimizer update on the slowest stage (memory-bound; + Muon Newton-Schulz)
  std::vector<CommVolume> comms;  // by stage
  std::vector<MemoryBreakdown> memory;  // by stage
  MemoryBreakdown memory_worst;
  double model_flops_per_step = 0;  // 6·N_active·T + causal attention (fwd+bwd), no recomputation
  double hardware_flops_per_step = 0;  // everything executed, recomputation and MTP included
  // Pure-compute lower bound of the step: slowest stage × (microbatches + bubble) + optimizer, where
  // the bubble is (pp−1)/v stage-microbatches (dualpipe: (pp/2−1) as in the V3 report). No communication.
  double analytic_compute_time_s = 0;
};

// Attention-core forward FLOPs of all layers for one sequence (no tensor split): the causal part of MFU.
double attention_flops_per_sequence(const ModelShape& m, long seq_len);
// 6 · active params · tokens + 3 · attention forward FLOPs (forward + 2× backward), per step.
double model_flops_per_step(const ModelShape& m, long seq_len, double tokens);

StepCost step_cost(const TrainingPlan& p, const Chip& chip, const EfficiencyFactors& eff);

}  // namespace ascendsim
