// Closed-form exposed communication for the plan pre-ranking (analytic_comm.hpp).
#include "sim/workload/analytic_comm.hpp"

#include <algorithm>

namespace ascendsim {

double bandwidth_time_s(const CommVolume& v, double link_Bps) {
  if (link_Bps <= 0) return 0;
  const double g = double(std::max(1L, v.group_size));
  double f = (g - 1) / g;
  if (v.op == CollectiveOp::AllReduce) f = 2 * (g - 1) / g;
  if (v.op == CollectiveOp::SendRecv) f = 1;
  return v.bytes * f / link_Bps;
}

double analytic_exposed_comm_s(const TrainingPlan& p, const StepCost& cost, const Chip& chip) {
  const OverlapOptions& ov = p.overlap;
  const double slow = ov.compute_slowdown;
  const double up = chip.scaleup_bandwidth_Bps.nominal, out = chip.scaleout_bandwidth_Bps.nominal;
  const size_t S = size_t(std::max(1L, p.pp));
  const double m = double(std::max(1L, cost.microbatches));
  // Fraction of ops whose all-to-all hides under a paired op (step_compose: DualPipe's steady
  // state, or Megatron-Core combined 1F1B), taken at the first stage (longest warm-up).
  double paired = 0;
  if (p.schedule == PipelineSchedule::DualPipe) {
    paired = ov.dualpipe_steady_only ? std::max(0.0, (m - double(p.pp)) / m) : 1.0;
  } else if (ov.ep_combined_1f1b) {
    const double v = p.schedule == PipelineSchedule::Interleaved ? double(p.virtual_stages) : 1.0;
    const double rest = double(p.pp) - 1;
    const double warm = p.schedule == PipelineSchedule::Interleaved ? 2 * rest + (v - 1) * double(p.pp) : rest;
    paired = std::max(0.0, (m * v - std::min(m * v, warm)) / (m * v));
  }
  auto exposed = [&](double t, double hidden_fraction) { return t * (1 - hidden_fraction) + slow * t * hidden_fraction; };
  std::vector<double> per_mb(S, 0), tail(S, 0);
  for (const auto& v : cost.comms) {
    const size_t s = size_t(std::clamp(v.stage, 0L, long(S) - 1));
    const double t = bandwidth_time_s(v, v.kind == CommKind::TP ? up : out) * v.count;
    switch (v.kind) {
      case CommKind::TP: per_mb[s] += exposed(t, ov.tp_comm ? 1.0 : 0.0); break;
      case CommKind::EP: per_mb[s] += exposed(t, paired); break;
      case CommKind::PP: per_mb[s] += t; break;
      case CommKind::DP:
        if (v.phase == CommPhase::Step) {
          const bool gather = v.op == CollectiveOp::AllGather;
          const bool hidden = gather ? ov.zero_prefetch : !ov.dp_exposed;
          tail[s] += exposed(t, hidden ? 1.0 : 0.0);
        } else {
          per_mb[s] += exposed(t, ov.zero_prefetch ? 1.0 : 0.0);
        }
        break;
    }
  }
  double worst = 0;
  for (const auto& st : cost.stages) worst = std::max(worst, st.forward_s + st.backward_s + st.recompute_s);
  // The pipeline repeats the busiest stage's per-microbatch time (microbatches + bubble) times.
  const double repeats = worst > 0 ? (cost.analytic_compute_time_s - cost.optimizer_s) / worst : m;
  return *std::max_element(per_mb.begin(), per_mb.end()) * repeats + *std::max_element(tail.begin(), tail.end());
}

}  // namespace ascendsim
