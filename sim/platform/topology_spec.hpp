// A cluster description (platforms/specs/*.toml, kind = "platform-spec"): chip type, how chips group
// into nodes, racks and supernodes, the scale-up fabric inside a supernode (non-blocking switch,
// per-chip per-direction bandwidth), the scale-out Clos between supernodes (leaf groups, pods,
// oversubscription between pods) and the storage path. Pure data; topology_xml turns it into SimGrid XML.
#pragma once
#include <string>
#include <vector>

#include "sim/config/toml_reader.hpp"
#include "sim/platform/chip_catalogue.hpp"

namespace ascendsim {

struct PlatformSpec {
  std::string name;         // "cloudmatrix384"
  std::string description;  // one line for the XML header
  std::vector<std::string> sources, assumptions;  // copied into the XML header comment
  std::string chip;         // catalogue name
  long chips_per_node = 8;
  long nodes_per_rack = 1;
  long racks_per_supernode = 1;
  long supernodes = 1;
  // Scale-up (inside a supernode): non-blocking switch; a chip's port has this per-direction rate.
  double scaleup_bandwidth_Bps = 0;      // 0 in the file = take the catalogue value
  double scaleup_port_latency_s = 0;     // per port traversal (twice on every scale-up path)
  double scaleup_switch_latency_s = 0;   // added when crossing nodes inside the supernode
  // Scale-out (between supernodes): per-chip NIC, leaf groups, pods, oversubscription between pods.
  double scaleout_bandwidth_Bps = 0;     // per chip per direction (0 = catalogue)
  double scaleout_port_latency_s = 0;
  double scaleout_switch_latency_s = 0;  // per switch traversed (1 in a leaf group, 3 in a pod, 5 across pods)
  long supernodes_per_group = 1;         // supernodes under one leaf switch group
  long groups_per_pod = 1;               // leaf groups in a full-bisection pod (last pod may be partial)
  double pod_oversubscription = 1;       // pod uplink = pod chips x scale-out bw / this
  // Storage / VPC plane.
  double node_storage_bandwidth_Bps = 0; // per node per direction
  double storage_latency_s = 0;          // one way, node to storage system
  double storage_system_bandwidth_Bps = 0;  // aggregate per direction

  long chips() const { return chips_per_node * nodes_per_rack * racks_per_supernode * supernodes; }
  long chips_per_supernode() const { return chips_per_node * nodes_per_rack * racks_per_supernode; }
  long nodes() const { return nodes_per_rack * racks_per_supernode * supernodes; }
  long groups() const { return supernodes / supernodes_per_group; }
  long pods() const { return (groups() + groups_per_pod - 1) / groups_per_pod; }
  long chips_in_pod(long pod) const;  // the last pod may be partial
};

// Loads a spec and resolves bandwidths left at 0 from the catalogue (unknown chip: located error).
PlatformSpec load_platform_spec(const std::string& path, const ChipCatalogue& catalogue,
                                std::vector<Override>* overrides = nullptr);

// Checks structural rules (positive counts, supernodes divisible by supernodes_per_group);
// throws InputError located at `where` when broken. Used by the loader and the XML reader.
void check_platform_spec(const PlatformSpec& spec, const std::string& where);

}  // namespace ascendsim
