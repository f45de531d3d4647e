// Loads generated platforms into SimGrid and exposes chip hosts through their properties, so
// collective and step engines select hosts by role/chip_index instead of by name.
#include "sim/platform/simgrid_platform.hpp"

#include <algorithm>
#include <filesystem>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>

#include "sim/config/input_error.hpp"
#include "sim/platform/platform_xml_check.hpp"

namespace ascendsim {

void load_platform(simgrid::s4u::Engine& engine, const std::string& xml_path) {
  validate_platform_xml(xml_path);
  try {
    engine.load_platform(xml_path);
  } catch (const std::exception& e) {
    // What the check above does not cover, SimGrid reports; keep it located at the file.
    throw InputError(SourceLocation{xml_path, 0, 0}, "", std::string("SimGrid rejected the platform: ") + cut_value(e.what()));
  }
}

simgrid::s4u::Host* storage_host(const simgrid::s4u::Engine& engine) {
  for (auto* h : engine.get_all_hosts()) {
    const char* role = h->get_property("role");
    if (role && std::string(role) == "storage") return h;
  }
  return nullptr;
}

}  // namespace ascendsim
