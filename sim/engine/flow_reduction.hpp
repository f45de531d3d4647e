// Exact reduction of a set of concurrent flows on a generated platform (topology_xml.hpp), so a
// pipeline boundary of thousands of pairs is simulated with a handful of flows. On that topology
// the only links that can be shared and limit a rate are the chips' ports (SPLITDUPLEX, one per
// plane and direction) and the pods' uplinks; every switch is a FATPIPE hop. Under max-min sharing
// (SimGrid CM02) a link whose flows' port rates sum to at most its capacity never saturates, so a
// flow whose every such link is like that moves at its port rate whatever the other flows do, and
// its time depends only on its route class: one simulated flow stands for all flows of its class.
#pragma once
#include <vector>

#include "sim/engine/flow_set.hpp"
#include "sim/platform/topology_spec.hpp"

namespace ascendsim {

// Innermost zone two chips share: 0 node, 1 rack, 2 supernode, 3 leaf group, 4 pod, 5 root (other
// pods). Routes of one level have the same links up to which chip's port they take.
int shared_zone_level(const PlatformSpec& spec, long chip_a, long chip_b);

struct ReducedFlows {
  FlowSet set;                 // the flows to simulate (input order kept)
  std::vector<int> simulated;  // for each input flow, the flow of `set` whose finish time is its own
  long coupled = 0;            // input flows kept because they cross a link that may saturate
};

// For a flow set of one phase with no delays or dependencies (all flows start at once; anything
// else is returned unreduced): keeps every flow that crosses a port or pod uplink that may
// saturate (another flow on the same port direction, or uplink flows x pod_oversubscription >
// chips in that pod) and one flow per (shared_zone_level, bytes) of the others.
ReducedFlows reduce_independent_flows(const FlowSet& set, const PlatformSpec& spec);

}  // namespace ascendsim
