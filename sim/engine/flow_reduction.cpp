// Route classes and saturation test of flow_reduction.hpp.
#include "sim/engine/flow_reduction.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

namespace ascendsim {

int shared_zone_level(const PlatformSpec& spec, long a, long b) {
  const long node_a = a / spec.chips_per_node, node_b = b / spec.chips_per_node;
  if (node_a == node_b) return 0;
  const long rack_a = node_a / spec.nodes_per_rack, rack_b = node_b / spec.nodes_per_rack;
  if (rack_a == rack_b) return 1;
  const long sn_a = rack_a / spec.racks_per_supernode, sn_b = rack_b / spec.racks_per_supernode;
  if (sn_a == sn_b) return 2;
  const long per_group = std::max(1L, spec.supernodes_per_group), per_pod = std::max(1L, spec.groups_per_pod);
  const long g_a = sn_a / per_group, g_b = sn_b / per_group;
  if (g_a == g_b) return 3;
  if (g_a / per_pod == g_b / per_pod) return 4;
  return 5;
}

ReducedFlows reduce_independent_flows(const FlowSet& set, const PlatformSpec& spec) {
  ReducedFlows out;
  const int n = static_cast<int>(set.flows.size());
  bool simple = set.phases.size() <= 1 && (set.phases.empty() || (set.phases[0].delay_s == 0));
  for (const Flow& f : set.flows) simple = simple && f.phase == 0 && f.delay_s == 0 && f.after_flow < 0;
  if (!simple) {
    out.set = set;
    for (int i = 0; i < n; ++i) out.simulated.push_back(i);
    out.coupled = n;
    return out;
  }
  auto moves = [](const Flow& f) { return f.src_chip != f.dst_chip && f.bytes > 0; };
  const long chips_per_pod = spec.chips_per_supernode() * std::max(1L, spec.supernodes_per_group) *
                             std::max(1L, spec.groups_per_pod);
  // Port key: chip, plane (scale-up inside a supernode, scale-out across), direction.
  auto port = [](long chip, bool scale_out, bool up) { return chip * 4 + (scale_out ? 2 : 0) + (up ? 1 : 0); };
  std::unordered_map<long, int> port_flows;
  std::map<std::pair<long, bool>, long> uplink_flows;  // (pod, up) -> flows
  std::vector<int> level(n);
  for (int i = 0; i < n; ++i) {
    const Flow& f = set.flows[i];
    level[i] = shared_zone_level(spec, f.src_chip, f.dst_chip);
    if (!moves(f)) continue;
    const bool so = level[i] >= 3;
    ++port_flows[port(f.src_chip, so, true)];
    ++port_flows[port(f.dst_chip, so, false)];
    if (level[i] == 5) {
      ++uplink_flows[{f.src_chip / chips_per_pod, true}];
      ++uplink_flows[{f.dst_chip / chips_per_pod, false}];
    }
  }
  auto may_saturate = [&](long pod, bool up) {
    return double(uplink_flows.at({pod, up})) * spec.pod_oversubscription > double(spec.chips_in_pod(pod));
  };
  std::map<std::tuple<int, double>, int> class_flow;  // (level, bytes) -> flow of out.set
  out.set.phases = set.phases;
  for (int i = 0; i < n; ++i) {
    const Flow& f = set.flows[i];
    bool coupled = !moves(f);  // a flow that does not move is kept as it is (it costs nothing)
    if (moves(f)) {
      const bool so = level[i] >= 3;
      coupled = port_flows.at(port(f.src_chip, so, true)) > 1 || port_flows.at(port(f.dst_chip, so, false)) > 1 ||
                (level[i] == 5 && (may_saturate(f.src_chip / chips_per_pod, true) ||
                                   may_saturate(f.dst_chip / chips_per_pod, false)));
    }
    if (!coupled) {
      const auto key = std::make_tuple(level[i], f.bytes);
      if (auto it = class_flow.find(key); it != class_flow.end()) {
        out.simulated.push_back(it->second);
        continue;
      }
      class_flow[key] = static_cast<int>(out.set.flows.size());
    } else if (moves(f)) {
      ++out.coupled;
    }
    out.simulated.push_back(static_cast<int>(out.set.flows.size()));
    out.set.flows.push_back(f);
  }
  return out;
}

}  // namespace ascendsim
