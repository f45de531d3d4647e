// Loads generated platforms into SimGrid and exposes chip hosts through their properties, so
// collective and step engines select hosts by role/chip_index instead of by name.
#include "sim/platform/simgrid_platform.hpp"

#include <algorithm>
#include <filesystem>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>

#include "sim/config/input_error.hpp"

namespace ascendsim {

void load_platform(simgrid::s4u::Engine& engine, const std::string& xml_path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(xml_path, ec))
    throw InputError(SourceLocation{xml_path, 0, 0}, "", "platform file not found");
  engine.load_platform(xml_path);
}

simgrid::s4u::Host* storage_host(const simgrid::s4u::Engine& engine) {
  for (auto* h : engine.get_all_hosts()) {
    const char* role = h->get_property("role");
    if (role && std::string(role) == "storage") return h;
  }
  return nullptr;
}

}  // namespace ascendsim
