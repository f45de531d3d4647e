// Brute-force enumeration over divisors; each candidate costs one StepCost evaluation (microseconds
// per layer), so thousands of candidates take well under a second.
#include "sim/workload/plan_search.hpp"

#include <algorithm>

#include "sim/workload/analytic_comm.hpp"
#include "sim/workload/plan_check.hpp"

namespace ascendsim {

static std::vector<long> divisors(long n, long max) {
  std::vector<long> d;
  for (long i = 1; i <= n && i <= max; ++i)
    if (n % i == 0) d.push_back(i);
  return d;
}

PlanSearchResult enumerate_plans(const TrainingPlan& base, long chips, const Chip& chip, const EfficiencyFactors& eff,
                                 const PlanSearchSpace& space) {
  check_precision(base, chip);
  PlanSearchResult r;
  const ModelShape& m = base.model;
  const std::vector<long> vs = base.schedule == PipelineSchedule::Interleaved ? space.virtual_stages : std::vector<long>{1};
  for (long tp : space.tp) {
    if (chips % tp != 0) continue;
    for (long pp : divisors(chips / tp, space.max_pp)) {
      const long dp = chips / tp / pp;
      const std::vector<long> eps = m.is_moe() ? divisors(m.routed_experts, space.max_ep) : std::vector<long>{1};
      for (long ep : eps) {
        for (long v : vs) {
          if (pp == 1 && v != vs.front()) continue;  // one stage: chunking changes nothing
          for (long mbs : space.micro_batch_sequences) {
            for (int zero : space.zero_stages) {
              for (RecomputeKind rc : space.recompute) {
                TrainingPlan p = base;
                p.chips = chips;
                p.tp = tp;
                p.pp = pp;
                p.dp = dp;
                p.ep = ep;
                p.virtual_stages = v;
                p.micro_batch_sequences = mbs;
                p.microbatches = 0;
                p.zero_stage = zero;
                p.recompute = rc;
                p.sequence_parallel = tp > 1;
                ++r.considered;
                if (!plan_problems(p).empty()) { ++r.illegal; continue; }
                MemoryBreakdown mem = worst_stage_memory(p, chip.hbm_capacity_B.nominal);
                if (!mem.fits()) { ++r.too_big; continue; }
                StepCost sc = step_cost(p, chip, eff);
                r.fitting.push_back(PlanCandidate{p, mem, sc.analytic_compute_time_s, analytic_exposed_comm_s(p, sc, chip)});
              }
            }
          }
        }
      }
    }
  }
  std::stable_sort(r.fitting.begin(), r.fitting.end(), [](const PlanCandidate& a, const PlanCandidate& b) {
    if (a.analytic_step_time_s() != b.analytic_step_time_s()) return a.analytic_step_time_s() < b.analytic_step_time_s();
    return a.memory.total_B < b.memory.total_B;
  });
  return r;
}

}  // namespace ascendsim
