// HBM use per chip for a training plan: weights, gradients, FP32 master copy and optimizer states
// (AdamW 2 states, Muon 1; embeddings/head/norms stay on AdamW under Muon) sharded by ZeRO stage,
// and activations held by the pipeline schedule under the recomputation policy (Korthikanti et al. 2022).
#pragma once
#include <string>
#include <vector>

#include "sim/workload/training_plan.hpp"

namespace ascendsim {

struct MemoryBreakdown {
  long stage = 0;
  double params_on_chip = 0;          // parameters this chip holds (before ZeRO sharding)
  double weights_B = 0;
  double gradients_B = 0;
  double master_B = 0;
  double optimizer_states_B = 0;
  double activations_B = 0;
  double microbatches_in_flight = 0;  // in units of one microbatch through the whole stage
  double total_B = 0;
  double capacity_B = 0;
  bool fits() const { return total_B <= capacity_B; }
  std::string describe() const;  // "stage 0: 97.1 GiB (weights 12.3, ...) > 80 GiB HBM"
};

// Activation bytes one microbatch leaves stored in one layer on one chip.
double layer_activation_bytes(const ModelShape& m, long layer, const MicrobatchShape& mb, RecomputeKind r);

MemoryBreakdown stage_memory(const TrainingPlan& p, long stage, double capacity_B);
std::vector<MemoryBreakdown> memory_by_stage(const TrainingPlan& p, double capacity_B);
MemoryBreakdown worst_stage_memory(const TrainingPlan& p, double capacity_B);  // largest total
// Throws InputError (at parallel.pp) naming the numbers when the worst stage exceeds capacity.
void require_memory_fits(const TrainingPlan& p, double capacity_B);

}  // namespace ascendsim
