// Builds the distinct communication patterns of one step from the plan's volumes (comm_volume.hpp),
// simulates them in one SimGrid run (comm_simulation.hpp) and spreads the times back over stages.
// Groups wider than kMaxSimulatedRanks are sampled evenly and scaled by their step count.
#include "sim/engine/step_comms.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <tuple>

#include "sim/engine/comm_simulation.hpp"
#include "sim/engine/flow_reduction.hpp"
#include "sim/workload/comm_volume.hpp"

namespace ascendsim {

namespace {

// 0 same node, 1 other node in the supernode, 2 other supernode in the leaf group, 3 other group in
// the pod, 4 other pod: how far apart two chips sit in the generated topology.
int distance_level(const PlatformSpec& spec, long a, long b) {
  const long cps = spec.chips_per_supernode();
  const long sa = a / cps, sb = b / cps;
  const long ga = sa / std::max(1L, spec.supernodes_per_group), gb = sb / std::max(1L, spec.supernodes_per_group);
  if (ga / std::max(1L, spec.groups_per_pod) != gb / std::max(1L, spec.groups_per_pod)) return 4;
  if (ga != gb) return 3;
  if (sa != sb) return 2;
  if (a / spec.chips_per_node != b / spec.chips_per_node) return 1;
  return 0;
}

// Ranks of a group of g members, evenly sampled down to at most kMaxSimulatedRanks; `scale` is the
// factor from the sampled collective's time to the full group's (ratio of ring/pairwise step counts).
struct Sampled {
  std::vector<int> chips;
  double bytes_factor = 1;  // simulated bytes = real bytes × this (per-step message size preserved)
  double time_factor = 1;   // real time = simulated time × this
};
template <class ChipOf>
Sampled sample_group(long g, ChipOf chip_of) {
  Sampled s;
  const long n = std::min(g, kMaxSimulatedRanks);
  for (long i = 0; i < n; ++i) s.chips.push_back(chip_of(i * g / n));
  if (n < g) {
    s.bytes_factor = double(n) / double(g);
    s.time_factor = double(g - 1) / double(n - 1);
  }
  return s;
}

std::string describe(const char* what, CollectiveOp op, size_t ranks, double bytes, double factor) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "%s %s over %zu ranks, %.6g bytes%s", what, collective_op_name(op), ranks, bytes,
                factor != 1 ? " (sampled group, time scaled)" : "");
  return buf;
}

}  // namespace

StepCommTimes simulate_step_comms(const TrainingPlan& p, const PlatformSpec& spec, const std::string& xml,
                                  double reduce_Bps) {
  return simulate_step_comms(p, spec, [&](const std::vector<int>&) { return xml; }, reduce_Bps);
}

std::vector<int> pattern_chips(const std::vector<CommPattern>& patterns) {
  std::vector<int> chips;
  for (const auto& pat : patterns) {
    if (const auto* c = std::get_if<CollectiveSpec>(&pat)) {
      chips.insert(chips.end(), c->chips.begin(), c->chips.end());
      for (int i = 0; i < c->first_chips; ++i) chips.push_back(i);
    } else {
      for (const Flow& f : std::get<FlowSet>(pat).flows) {
        chips.push_back(f.src_chip);
        chips.push_back(f.dst_chip);
      }
    }
  }
  std::sort(chips.begin(), chips.end());
  chips.erase(std::unique(chips.begin(), chips.end()), chips.end());
  return chips;
}

StepCommTimes simulate_step_comms(const TrainingPlan& p, const PlatformSpec& spec, const PlatformForChips& platform_for,
                                  double reduce_Bps) {
  const RankPlacement place{p.tp, p.dp, p.pp};
  const std::vector<CommVolume> vols = comm_volumes(p);
  StepCommTimes out;
  const size_t S = size_t(p.pp);
  out.tp_forward_s.assign(S, 0);
  out.tp_backward_s.assign(S, 0);
  out.ep_forward_s.assign(S, 0);
  out.ep_backward_s.assign(S, 0);
  out.dp_forward_s.assign(S, 0);
  out.dp_backward_s.assign(S, 0);
  out.dp_reduce_s.assign(S, 0);
  out.dp_gather_s.assign(S, 0);

  std::vector<CommPattern> patterns;
  std::vector<double> time_factor;
  // EP group: ranks r = 0..ep-1 on chips chip(r % tp, r / tp, 0), i.e. consecutive chips from 0, so
  // its nodes are whole scale-up domains (supernodes) when ep is a multiple of their size.
  const EpNodeSplit ep_split = ep_node_split(p.model, p.ep, spec.chips_per_supernode());
  auto ep_chip = [&](long r) { return place.chip(r % p.tp, r / p.tp, 0); };
  // TP and EP: one pattern per distinct (kind, op, bytes); DP: one per (op, dense/expert) at its largest size.
  std::map<std::tuple<int, int, double>, size_t> exact;
  std::map<std::tuple<int, bool>, std::pair<size_t, double>> dp_patterns;  // -> (pattern, simulated real bytes)
  double pp_bytes = 0;
  for (const auto& v : vols) {
    if (v.kind == CommKind::PP) {
      pp_bytes = std::max(pp_bytes, v.bytes);
      continue;
    }
    if (v.kind == CommKind::DP) {
      const bool expert = v.what.rfind("expert", 0) == 0;
      auto key = std::make_tuple(int(v.op), expert);
      auto it = dp_patterns.find(key);
      if (it == dp_patterns.end()) dp_patterns[key] = {SIZE_MAX, v.bytes};
      else it->second.second = std::max(it->second.second, v.bytes);
      continue;
    }
    auto key = std::make_tuple(int(v.kind), int(v.op), v.bytes);
    if (exact.count(key)) continue;
    if (v.kind == CommKind::EP && ep_split.hierarchical) {
      // Node-limited dispatch / combine (DeepSeek-V3 s3.2.2): every rank sends its tokens once to the
      // same-index rank of each other node (scale-out) and forwards the copies for the experts of
      // its own node to their ranks (scale-up), all at once: forwarding is pipelined with arrival.
      const long c = ep_split.ranks_per_node, G = ep_split.nodes;
      const double out_B = ep_split.scale_out_bytes_per_node(v.bytes, p.model.top_k);
      const double up_B = ep_split.scale_up_bytes_per_peer(v.bytes);
      FlowSet fs;
      for (long r = 0; r < p.ep; ++r) {
        const long node = r / c, local = r % c;
        for (long j = 0; j < G; ++j)
          if (j != node) fs.flows.push_back(Flow{ep_chip(r), ep_chip(j * c + local), out_B});
        for (long i = 0; i < c; ++i)
          if (i != local) fs.flows.push_back(Flow{ep_chip(r), ep_chip(node * c + i), up_B});
      }
      char buf[320];
      std::snprintf(buf, sizeof buf,
                    "EP node-limited alltoall over %ld ranks (%ld nodes x %ld, %.4g nodes per token of %.4g "
                    "unrestricted): %.6g bytes to each other node, %.6g bytes to each node peer",
                    p.ep, G, c, ep_split.distinct_nodes, ep_split.unrestricted_nodes, out_B, up_B);
      exact[key] = patterns.size();
      out.simulated.push_back(buf);
      patterns.push_back(fs);
      time_factor.push_back(1);
      continue;
    }
    CollectiveSpec c;
    c.op = v.op;
    Sampled smp;
    if (v.kind == CommKind::TP) {
      smp = sample_group(v.group_size, [&](long t) { return place.chip(t, 0, 0); });
      c.algorithm = CollectiveAlgorithm::Ring;
    } else {  // EP: ranks are consecutive in the (tp, dp) plane of stage 0
      smp = sample_group(v.group_size, ep_chip);
      c.algorithm = CollectiveAlgorithm::Direct;
    }
    c.chips = smp.chips;
    c.bytes = v.bytes * smp.bytes_factor;
    if (v.op != CollectiveOp::AllGather && v.op != CollectiveOp::AllToAll) c.reduce_Bps = reduce_Bps;
    exact[key] = patterns.size();
    out.simulated.push_back(describe(comm_kind_name(v.kind), v.op, c.chips.size(), c.bytes, smp.time_factor));
    patterns.push_back(c);
    time_factor.push_back(smp.time_factor);
  }
  for (auto& [key, val] : dp_patterns) {
    const auto op = CollectiveOp(std::get<0>(key));
    const bool expert = std::get<1>(key);
    const long g = expert ? p.expert_data_parallel() : p.dp;
    Sampled smp = expert ? sample_group(g, [&](long k) {
                             const long r = k * p.ep;
                             return place.chip(r % p.tp, r / p.tp, 0);
                           })
                         : sample_group(g, [&](long d) { return place.chip(0, d, 0); });
    CollectiveSpec c;
    c.op = op;
    c.algorithm = CollectiveAlgorithm::Ring;
    c.chips = smp.chips;
    c.bytes = val.second * smp.bytes_factor;
    if (op != CollectiveOp::AllGather) c.reduce_Bps = reduce_Bps;
    val.first = patterns.size();
    out.simulated.push_back(describe(expert ? "DP expert" : "DP dense", op, c.chips.size(), c.bytes, smp.time_factor));
    patterns.push_back(c);
    time_factor.push_back(smp.time_factor);
  }
  // PP: the boundary whose pairs sit farthest apart (across pods if any), all tp×dp pairs at once.
  long pp_pattern = -1;
  if (p.pp > 1 && pp_bytes > 0) {
    long best = 0, best_score = -1;
    for (long s = 0; s + 1 < p.pp; ++s) {
      long score = 0;
      for (long d = 0; d < p.dp; ++d)
        for (long t = 0; t < p.tp; ++t) score += distance_level(spec, place.chip(t, d, s), place.chip(t, d, s + 1));
      if (score > best_score) best_score = score, best = s;
    }
    FlowSet fs;
    for (long d = 0; d < p.dp; ++d)
      for (long t = 0; t < p.tp; ++t) fs.flows.push_back(Flow{place.chip(t, d, best), place.chip(t, d, best + 1), pp_bytes});
    // All pairs start together; pairs on links that cannot saturate are represented by one pair per
    // route class (flow_reduction.hpp), which leaves the makespan exactly as with every pair.
    const ReducedFlows reduced = reduce_independent_flows(fs, spec);
    out.pp_boundary = best;
    pp_pattern = long(patterns.size());
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "PP boundary %ld->%ld: %zu concurrent sends of %.6g bytes (%zu simulated: %ld on links that may "
                  "saturate, one per route class of the rest)",
                  best, best + 1, fs.flows.size(), pp_bytes, reduced.set.flows.size(), reduced.coupled);
    out.simulated.push_back(buf);
    patterns.push_back(reduced.set);
    time_factor.push_back(1);
  }
  out.patterns = long(patterns.size());
  if (patterns.empty()) return out;

  const std::vector<CommPatternResult> res = simulate_comm_patterns(platform_for(pattern_chips(patterns)), patterns);
  auto time_of = [&](size_t i) {
    const double t = std::holds_alternative<CollectiveResult>(res[i]) ? std::get<CollectiveResult>(res[i]).time_s
                                                                       : std::get<FlowSetResult>(res[i]).makespan_s;
    return t * time_factor[i];
  };
  for (size_t i = 0; i < out.simulated.size(); ++i) {
    char buf[64];
    std::snprintf(buf, sizeof buf, ": %.6g s", time_of(i));
    out.simulated[i] += buf;
  }
  if (pp_pattern >= 0) out.pp_hop_s = time_of(size_t(pp_pattern));

  for (const auto& v : vols) {
    const size_t s = size_t(v.stage);
    if (v.kind == CommKind::PP) continue;
    if (v.kind == CommKind::DP) {
      const auto& [idx, sim_bytes] = dp_patterns.at({int(v.op), v.what.rfind("expert", 0) == 0});
      // Bandwidth-dominated: other stages' sizes scale the simulated largest one linearly.
      const double t = time_of(idx) * v.bytes / sim_bytes * v.count;
      if (v.phase == CommPhase::Forward) out.dp_forward_s[s] += t;
      else if (v.phase == CommPhase::Backward) out.dp_backward_s[s] += t;
      else if (v.op == CollectiveOp::AllGather) out.dp_gather_s[s] += t;
      else out.dp_reduce_s[s] += t;
      continue;
    }
    const double t = time_of(exact.at({int(v.kind), int(v.op), v.bytes})) * v.count;
    auto& fwd = v.kind == CommKind::TP ? out.tp_forward_s : out.ep_forward_s;
    auto& bwd = v.kind == CommKind::TP ? out.tp_backward_s : out.ep_backward_s;
    (v.phase == CommPhase::Backward ? bwd : fwd)[s] += t;
  }
  return out;
}

}  // namespace ascendsim
