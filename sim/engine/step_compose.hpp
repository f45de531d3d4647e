// Pure composition of one training step (no SimGrid): per-chunk compute from step_cost, the
// communication times of one step (StepCommTimes, simulated elsewhere or given by a test), the
// plan's overlap options, the pipeline schedule and the data-parallel tail. The breakdown sums
// exactly to the step time. Rules in docs/step.md "Step composition".
#pragma once
#include <vector>

#include "sim/engine/step_comms.hpp"
#include "sim/workload/pipeline_schedule.hpp"
#include "sim/workload/step_cost.hpp"

namespace ascendsim {

struct StepBreakdown {
  double compute_s = 0;      // busiest stage's compute (forward, backward, recomputation)
  double tp_s = 0;           // exposed tensor-parallel communication (+ overlap slowdown)
  double ep_s = 0;           // exposed expert-parallel dispatch/combine (+ overlap slowdown)
  double pp_s = 0;           // exposed pipeline send/recv
  double dp_s = 0;           // exposed data-parallel gradient reduction (+ overlap slowdown)
  double bubble_s = 0;       // pipeline idle time
  double optimizer_s = 0;
};

struct OpParts {  // one chunk, one microbatch, one direction (forward or backward)
  double compute = 0, tp = 0, ep = 0, dp = 0;
  double total() const { return compute + tp + ep + dp; }
};

struct ComposedStep {
  double step_time_s = 0;
  StepBreakdown breakdown;
  std::vector<OpParts> forward, backward;  // per chunk
  PipelineResult pipeline;                 // with the PP hop
};

// Time added when `comm_s` of communication is hidden under `compute_s` of compute that shares the
// chip: exposed part plus the slowdown of the overlapped compute.
double overlapped_exposure(double comm_s, double compute_s, double slowdown);

ComposedStep compose_step(const TrainingPlan& p, const StepCost& cost, const StepCommTimes& comm);

}  // namespace ascendsim
