// SimGrid glue: load a platform XML into an engine made by make_simgrid_engine() and list its chip
// hosts (property role="chip") ordered by chip_index, with their node/rack/supernode properties.
#pragma once
#include <string>
#include <vector>

namespace simgrid::s4u {
class Engine;
class Host;
}  // namespace simgrid::s4u

namespace ascendsim {

// Loads the XML (missing file: InputError). Call once per engine.
void load_platform(simgrid::s4u::Engine& engine, const std::string& xml_path);
// Chip hosts by chip_index: find_chip_hosts (sim/engine/chip_hosts.hpp).
// The host with role="storage" (nullptr when the platform has none).
simgrid::s4u::Host* storage_host(const simgrid::s4u::Engine& engine);

}  // namespace ascendsim
