// The communication of one training step, simulated on SimGrid once per distinct pattern: rank
// placement (Megatron order: tp fastest, then dp, then pp), one TP group's collectives, one EP
// group's dispatch/combine (a direct all-to-all, or under group-limited routing over several nodes
// the scale-out-then-scale-up flows of comm_volume.hpp ep_node_split), one pipeline boundary (all its pairs at once), one DP group's gradient
// reduction. Identical replicas are inferred by symmetry; docs/step.md lists what is simulated.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "sim/engine/comm_simulation.hpp"
#include "sim/platform/topology_spec.hpp"
#include "sim/workload/training_plan.hpp"

namespace ascendsim {

// chip = t + TP·(d + DP·s): tensor ranks fastest (inside a node), expert groups are consecutive
// data-parallel ranks, pipeline stages slowest.
struct RankPlacement {
  long tp = 1, dp = 1, pp = 1;
  int chip(long t, long d, long s) const { return int(t + tp * (d + dp * s)); }
};

struct StepCommTimes {
  // Per stage, one microbatch: every TP / EP collective of that stage's chunks, back to back.
  std::vector<double> tp_forward_s, tp_backward_s;
  std::vector<double> ep_forward_s, ep_backward_s;
  // Per stage, one microbatch: ZeRO-3 weight all-gathers / gradient reduce-scatters.
  std::vector<double> dp_forward_s, dp_backward_s;
  // Per stage, once per step: gradient reduction (all-reduce or reduce-scatter) and weight all-gather.
  std::vector<double> dp_reduce_s, dp_gather_s;
  double pp_hop_s = 0;         // one boundary, all tp×dp pairs sending at once
  long pp_boundary = -1;       // stage s whose s -> s+1 boundary was simulated
  long patterns = 0;           // patterns simulated (one SimGrid run)
  std::vector<std::string> simulated;  // one line per pattern: what, ranks, bytes, time
};

// Largest rank count simulated in one collective or all-to-all pattern; bigger groups are
// simulated on an evenly spaced subset and scaled by step count (docs/step.md).
inline constexpr long kMaxSimulatedRanks = 64;

// `platform_xml` must be the platform generated for `spec` (chips 0..plan.chips-1 exist).
// reduce_Bps: reduction throughput per chip for the reducing collectives.
StepCommTimes simulate_step_comms(const TrainingPlan& plan, const PlatformSpec& spec, const std::string& platform_xml,
                                  double reduce_Bps);

// The same, on the file `platform_for(chips)` returns: the platform generated for `spec`, whole or
// cut to the nodes of `chips` (the sorted chips the patterns use; topology_xml.hpp), so that the
// load cost follows the simulated chips and not the platform size.
using PlatformForChips = std::function<std::string(const std::vector<int>& chips)>;
StepCommTimes simulate_step_comms(const TrainingPlan& plan, const PlatformSpec& spec, const PlatformForChips& platform_for,
                                  double reduce_Bps);

// Sorted distinct chips that a list of patterns touches.
std::vector<int> pattern_chips(const std::vector<CommPattern>& patterns);

}  // namespace ascendsim
