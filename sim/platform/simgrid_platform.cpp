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

static long prop_long(const simgrid::s4u::Host* h, const char* key) {
  const char* v = h->get_property(key);
  if (!v) throw InputError(SourceLocation{h->get_name(), 0, 0}, key, "chip host lacks this property");
  return std::stol(v);
}

std::vector<ChipHost> chip_hosts(const simgrid::s4u::Engine& engine) {
  std::vector<ChipHost> out;
  for (auto* h : engine.get_all_hosts()) {
    const char* role = h->get_property("role");
    if (!role || std::string(role) != "chip") continue;
    ChipHost c;
    c.host = h;
    c.chip_index = prop_long(h, "chip_index");
    const char* chip = h->get_property("chip");
    c.chip = chip ? chip : "";
    c.node = prop_long(h, "node");
    c.rack = prop_long(h, "rack");
    c.supernode = prop_long(h, "supernode");
    out.push_back(c);
  }
  std::sort(out.begin(), out.end(), [](const ChipHost& a, const ChipHost& b) { return a.chip_index < b.chip_index; });
  for (std::size_t i = 0; i < out.size(); ++i)
    if (out[i].chip_index != static_cast<long>(i))
      throw InputError(SourceLocation{out[i].host->get_name(), 0, 0}, "chip_index",
                       "chip indices must be 0..N-1 without gaps, found " + std::to_string(out[i].chip_index) +
                           " at position " + std::to_string(i));
  return out;
}

simgrid::s4u::Host* storage_host(const simgrid::s4u::Engine& engine) {
  for (auto* h : engine.get_all_hosts()) {
    const char* role = h->get_property("role");
    if (role && std::string(role) == "storage") return h;
  }
  return nullptr;
}

}  // namespace ascendsim
