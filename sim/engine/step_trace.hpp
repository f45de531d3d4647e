// Trace spans of one simulated step: for every pipeline stage, the representative chip (tensor rank
// 0 of data-parallel replica 0; the other replicas of a stage run the same timeline) gets its
// compute and exposed TP/EP/DP spans per pipeline op, then the DP tail and the optimizer.
#pragma once
#include <vector>

#include "sim/engine/step_comms.hpp"
#include "sim/platform/topology_spec.hpp"
#include "sim/trace/span.hpp"
#include "sim/workload/pipeline_schedule.hpp"

namespace ascendsim {

struct StepOpSplit {  // one chunk, one microbatch, one direction: where its time goes
  double compute_s = 0, tp_s = 0, ep_s = 0, dp_s = 0;
};

Trace step_trace(const TrainingPlan& plan, const PlatformSpec& platform, const PipelineResult& pipeline,
                 const std::vector<StepOpSplit>& forward, const std::vector<StepOpSplit>& backward,
                 const StepCommTimes& comm, double optimizer_s, double step_time_s);

}  // namespace ascendsim
