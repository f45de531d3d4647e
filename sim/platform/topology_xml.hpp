// Turns a PlatformSpec into a SimGrid 3.32 platform XML (version 4.1). Layout, from the leaves up:
// node zones (Floyd: chips + three gateway routers, one per plane), racks, supernodes, leaf groups,
// pods, root (Full, explicit zoneRoutes). Each chip has its own scale-up and scale-out port
// (SPLITDUPLEX links), each node one storage/VPC link; switches are non-blocking (FATPIPE links
// that only add latency) except the pod uplinks, which carry the pod oversubscription.
#pragma once
#include <string>
#include <vector>

#include "sim/platform/chip_catalogue.hpp"
#include "sim/platform/topology_spec.hpp"

namespace ascendsim {

// The full XML text; deterministic (same spec and catalogue give the same bytes).
std::string generate_platform_xml(const PlatformSpec& spec, const ChipCatalogue& catalogue);

// Root-zone property of a subset file: the chip count of the full platform. Chips keep their
// chip_index, so indices have gaps (find_chip_hosts accepts them only in such a file).
inline constexpr const char* kChipSubsetProperty = "ascendsim.chip_subset_of";

// The same platform cut to the nodes holding `keep_chips` (nullptr: everything, the full text):
// those nodes' chips and links, the rack / supernode / group / pod zones above them, every switch
// hop, and the uplinks of their pods with the full pod's bandwidth. A route between two kept chips
// has the same links as in the full file, so a simulation that only touches kept chips gives the
// same times; loading costs grow with the kept nodes, not with the platform (SimGrid 3.32 seals
// every zone by sorting all hosts, which is quadratic in the chips of a full file).
std::string generate_platform_xml(const PlatformSpec& spec, const ChipCatalogue& catalogue,
                                  const std::vector<int>* keep_chips);

// Specs with more chips get no shipped platforms/<name>.xml (tools/gen-platforms.sh holds the same
// number): a whole 524,288-chip file is ~540 MB. Steps load subsets (below) of any platform.
inline constexpr long kMaxShippedPlatformChips = 65536;

// Decimal text used for every number in the XML and in the embedded spec ("%.12g").
std::string xml_number(double v);

}  // namespace ascendsim
