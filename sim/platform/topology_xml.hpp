// Turns a PlatformSpec into a SimGrid 3.32 platform XML (version 4.1). Layout, from the leaves up:
// node zones (Floyd: chips + three gateway routers, one per plane), racks, supernodes, leaf groups,
// pods, root (Full, explicit zoneRoutes). Each chip has its own scale-up and scale-out port
// (SPLITDUPLEX links), each node one storage/VPC link; switches are non-blocking (FATPIPE links
// that only add latency) except the pod uplinks, which carry the pod oversubscription.
#pragma once
#include <string>

#include "sim/platform/chip_catalogue.hpp"
#include "sim/platform/topology_spec.hpp"

namespace ascendsim {

// The full XML text; deterministic (same spec and catalogue give the same bytes).
std::string generate_platform_xml(const PlatformSpec& spec, const ChipCatalogue& catalogue);

// Decimal text used for every number in the XML and in the embedded spec ("%.12g").
std::string xml_number(double v);

}  // namespace ascendsim
