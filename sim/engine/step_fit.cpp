// Sizing helpers for the step level: a plan re-sized to the chips a scenario has (largest legal
// data-parallel degree), and a platform spec grown or shrunk to hold a plan's chips.
#include <algorithm>
#include <string>
#include <vector>

#include "sim/engine/step_executor.hpp"
#include "sim/workload/plan_check.hpp"

namespace ascendsim {

std::optional<TrainingPlan> fit_plan_to_chips(const TrainingPlan& base, long chips_available, std::string* why) {
  const long replica = base.tp * base.pp;
  if (replica < 1 || chips_available < replica) {
    if (why)
      *why = "one replica needs tp x pp = " + std::to_string(base.tp) + " x " + std::to_string(base.pp) + " = " +
             std::to_string(replica) + " chips, only " + std::to_string(chips_available) + " available";
    return std::nullopt;
  }
  // Every data-parallel rank takes whole microbatches of the global batch, so a legal dp divides
  // global_batch / micro_batch: try those divisors only, largest first.
  const long max_dp = chips_available / replica;
  const long units = base.micro_batch_sequences > 0 ? base.global_batch_sequences / base.micro_batch_sequences : 0;
  std::vector<long> candidates;
  for (long d = 1; d * d <= units; ++d)
    if (units % d == 0) {
      if (d <= max_dp) candidates.push_back(d);
      if (units / d != d && units / d <= max_dp) candidates.push_back(units / d);
    }
  std::sort(candidates.rbegin(), candidates.rend());
  std::string last;
  for (long dp : candidates) {
    TrainingPlan p = base;
    p.dp = dp;
    p.chips = dp * replica;
    p.microbatches = 0;  // derived from the batch for the new dp
    const auto problems = plan_problems(p);
    if (problems.empty()) return p;
    if (last.empty()) last = problems.front().message;
  }
  if (why)
    *why = "no data-parallel degree <= " + std::to_string(chips_available / replica) +
           " gives a legal plan (tp " + std::to_string(base.tp) + ", pp " + std::to_string(base.pp) + ", ep " +
           std::to_string(base.ep) + ", batch " + std::to_string(base.global_batch_sequences) +
           " sequences); at the largest: " + last;
  return std::nullopt;
}

PlatformSpec platform_for_chips(const PlatformSpec& base, long chips) {
  PlatformSpec s = base;
  const long per = base.chips_per_supernode();
  long n = std::max(1L, (chips + per - 1) / per);
  const long g = std::max(1L, base.supernodes_per_group);
  if (n > 1 || g > 1) n = (n + g - 1) / g * g;  // whole leaf groups (check_platform_spec)
  s.supernodes = n;
  return s;
}

}  // namespace ascendsim
