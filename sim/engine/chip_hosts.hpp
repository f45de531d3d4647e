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
  std::vector<simgrid::s4u::Host*> host;  // indexed by chip_index, 0..count-1 without gaps
  std::vector<std::string> node;          // node key of each chip
  int count() const { return static_cast<int>(host.size()); }
};

// Throws InputError (located at the platform file) when no host is a chip, a chip_index is not a
// non-negative integer, is duplicated, or the indices have gaps.
ChipHosts find_chip_hosts(const simgrid::s4u::Engine& engine, const std::string& platform_path);

// Ranks per node for chips taken in `chips` order, when consecutive ranks fill nodes in equal
// groups (ranks 0..g-1 on one node, g..2g-1 on the next, ...); 0 when they do not.
int uniform_ranks_per_node(const ChipHosts& hosts, const std::vector<int>& chips);

}  // namespace ascendsim
