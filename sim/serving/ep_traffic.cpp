// See ep_traffic.hpp.
#include "sim/serving/ep_traffic.hpp"

#include <algorithm>
#include <cmath>

namespace ascendsim {

namespace {
// CloudMatrix-Infer's dispatch/combine microbenchmark point (arXiv 2506.12708).
constexpr double kBenchTokens = 128, kBenchTopK = 8, kBenchRanks = 256, kBenchHidden = 7168;
constexpr double kBenchDieBps = 196e9;  // UB per die: 392 GB/s per NPU / 2 dies
}  // namespace

double expected_experts_touched(double local_experts, double experts, double top_k, double group_tokens) {
  if (local_experts <= 0 || experts <= 0 || group_tokens <= 0) return 0;
  const double miss = std::clamp(1.0 - top_k / experts, 0.0, 1.0);
  return local_experts * (1.0 - std::pow(miss, group_tokens));
}

double expected_destination_ranks(double routed_ranks, double slots_per_rank, double slots, double top_k,
                                  double tokens) {
  if (routed_ranks <= 0 || slots <= 0 || tokens <= 0) return 0;
  // A token's k experts are distinct: it misses a rank w.p. prod_{i<k} (1 - s/(S - i)) (hypergeometric).
  double miss = 1;
  for (int i = 0; i < static_cast<int>(std::lround(top_k)); ++i)
    miss *= std::clamp(1.0 - slots_per_rank / std::max(1.0, slots - double(i)), 0.0, 1.0);
  const double p = 1.0 - miss;
  return routed_ranks * (1.0 - std::pow(1.0 - p, tokens));
}

A2aMessageCost a2a_message_cost(double dispatch_fraction, double combine_fraction) {
  const double msgs = expected_destination_ranks(kBenchRanks, 1, kBenchRanks, kBenchTopK, kBenchTokens);
  const double pairs = kBenchTokens * kBenchTopK;
  auto per_message = [&](double bytes_per_pair, double fraction) {
    const double bytes = pairs * bytes_per_pair;
    const double measured = bytes / (fraction * kBenchDieBps), wire = bytes / kBenchDieBps;
    return std::max(0.0, measured - wire) / msgs;
  };
  A2aMessageCost c;
  c.dispatch_s = dispatch_fraction > 0 ? per_message(kBenchHidden * (1.0 + 1.0 / 14.0), dispatch_fraction) : 0;
  c.combine_s = combine_fraction > 0 ? per_message(kBenchHidden * 2.0, combine_fraction) : 0;
  return c;
}

}  // namespace ascendsim
