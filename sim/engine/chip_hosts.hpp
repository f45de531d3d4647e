// Chips of a loaded SimGrid platform, found by host properties: every host with role="chip" and an
// integer chip_index (the convention of the platform files under platforms/). A chip's node is its
// host property node_index when present, else the NetZone that encloses the host.
#pragma once
#include <string>
#include <vector>

namespace simgrid::s4u {
class Engine;
class Host;
}  // namespace simgrid::s4u

namespace ascendsim {

struct ChipHosts {
  // Indexed by chip_index, 0..count-1. Without gaps, except in a subset file (root-zone property
  // ascendsim.chip_subset_of = the full chip count, topology_xml.hpp): there, chips not in the
  // file are nullptr (and their node key empty).
  std::vector<simgrid::s4u::Host*> host;
  std::vector<std::string> node;          // node key of each chip
  int count() const { return static_cast<int>(host.size()); }
  bool has(int chip) const { return chip >= 0 && chip < count() && host[chip] != nullptr; }
  simgrid::s4u::Host* first() const;      // the lowest-indexed chip present
};

// Throws InputError (located at the platform file) when no host is a chip, a chip_index is not a
// non-negative integer, is duplicated, or the indices have gaps (outside a subset file), or in a
// subset file when an index is not below the declared full chip count.
ChipHosts find_chip_hosts(const simgrid::s4u::Engine& engine, const std::string& platform_path);

// Ranks per node for chips taken in `chips` order, when consecutive ranks fill nodes in equal
// groups (ranks 0..g-1 on one node, g..2g-1 on the next, ...); 0 when they do not.
int uniform_ranks_per_node(const ChipHosts& hosts, const std::vector<int>& chips);

}  // namespace ascendsim
