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

struct ChipHost {
  simgrid::s4u::Host* host = nullptr;
  long chip_index = 0;   // global 0..N-1
  std::string chip;      // catalogue name
  long node = 0, rack = 0, supernode = 0;
};

// Loads the XML (missing file: InputError). Call once per engine.
void load_platform(simgrid::s4u::Engine& engine, const std::string& xml_path);
// Chip hosts sorted by chip_index; throws InputError if indices are not exactly 0..N-1.
std::vector<ChipHost> chip_hosts(const simgrid::s4u::Engine& engine);
// The host with role="storage" (nullptr when the platform has none).
simgrid::s4u::Host* storage_host(const simgrid::s4u::Engine& engine);

}  // namespace ascendsim
