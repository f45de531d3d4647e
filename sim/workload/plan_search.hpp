// Enumerates the legal parallel plans of a training run on N chips: degrees that divide (plan_check),
// memory that fits in HBM (memory.hpp), ordered by the analytic step time: compute (step_cost.hpp:
// slowest stage × (microbatches + bubble) + optimizer) plus the closed-form exposed communication of
// analytic_comm.hpp (bandwidth only, the plan's overlap options). `ascendsim plan` refines the first
// few with simulated communication.
#pragma once
#include <vector>

#include "sim/workload/step_cost.hpp"

namespace ascendsim {

struct PlanSearchSpace {
  std::vector<long> tp = {1, 2, 4, 8};          // tensor-parallel degrees tried (kept inside a node)
  std::vector<long> virtual_stages = {2, 4, 8};  // for the interleaved schedule only
  std::vector<long> micro_batch_sequences = {1, 2, 4};
  std::vector<int> zero_stages = {0, 1, 2, 3};
  std::vector<RecomputeKind> recompute = {RecomputeKind::None, RecomputeKind::Selective, RecomputeKind::Full};
  long max_pp = 64;
  long max_ep = 1024;
};

struct PlanCandidate {
  TrainingPlan plan;
  MemoryBreakdown memory;  // worst stage
  double analytic_compute_time_s = 0;
  double analytic_comm_time_s = 0;  // analytic_exposed_comm_s
  double analytic_step_time_s() const { return analytic_compute_time_s + analytic_comm_time_s; }
};

struct PlanSearchResult {
  std::vector<PlanCandidate> fitting;  // sorted by analytic_step_time_s(), then by memory
  long considered = 0;                 // combinations generated
  long illegal = 0;                    // rejected by plan_problems
  long too_big = 0;                    // legal but over HBM
};

// `base` gives the model, tokens, batch, precision, optimizer, schedule and memory widths; its
// degrees are replaced. The chip's precision support is checked first (InputError).
PlanSearchResult enumerate_plans(const TrainingPlan& base, long chips, const Chip& chip, const EfficiencyFactors& eff,
                                 const PlanSearchSpace& space = {});

}  // namespace ascendsim
