// What higher levels need to know about a platform without SimGrid: chip count and type, nodes,
// supernodes, per-chip per-direction scale-up/scale-out bandwidth, bisection and storage bandwidth.
// Computed from the PlatformSpec; generated XML files carry that spec as root-zone properties
// (`ascendsim.*`), so read_platform_info(xml) rebuilds it from the file with a plain text scan.
#pragma once
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "sim/platform/topology_spec.hpp"

namespace ascendsim {

struct PlatformInfo {
  std::string name;
  long chips = 0;
  std::vector<std::string> chip_types;  // catalogue names (one per platform today)
  long nodes = 0, racks = 0, supernodes = 0, pods = 0;
  long chips_per_node = 0, chips_per_supernode = 0;
  double scaleup_bandwidth_Bps = 0;   // per chip per direction
  double scaleout_bandwidth_Bps = 0;  // per chip per direction
  // Per direction across the worst balanced cut: one supernode: chips/2 x scale-up; several:
  // min(chips/2 x scale-out, sum of pod uplinks / 2) (cuts along pod boundaries; approximation).
  double bisection_bandwidth_Bps = 0;
  double node_storage_bandwidth_Bps = 0;     // per node per direction
  double storage_system_bandwidth_Bps = 0;   // aggregate per direction
  // min(nodes x node link, system) : what a checkpoint write of every node at once can reach.
  double storage_bandwidth_Bps = 0;
  PlatformSpec spec;
};

PlatformInfo platform_info(const PlatformSpec& spec);

// The spec as ordered (key, value) properties, and back. from_properties throws a located
// InputError (file `where`) when a key is missing or malformed.
std::vector<std::pair<std::string, std::string>> spec_properties(const PlatformSpec& spec);
PlatformSpec spec_from_properties(const std::map<std::string, std::string>& props, const std::string& where);

// Reads the `ascendsim.*` root-zone properties of a generated platform XML (no SimGrid).
PlatformInfo read_platform_info(const std::string& xml_path);

}  // namespace ascendsim
