// Finds the chip hosts of a loaded platform by their properties (see chip_hosts.hpp).
#include "sim/engine/chip_hosts.hpp"

#include <map>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/NetZone.hpp>

#include "sim/config/input_error.hpp"
#include "sim/platform/topology_xml.hpp"

namespace ascendsim {

namespace {

std::string node_key(const simgrid::s4u::Host* h) {
  const char* node = h->get_property("node_index");
  return node ? std::string("node_index=") + node : "zone=" + h->get_englobing_zone()->get_name();
}

}  // namespace

ChipHosts find_chip_hosts(const simgrid::s4u::Engine& engine, const std::string& platform_path) {
  const SourceLocation where{platform_path, 0, 0};
  std::map<long, simgrid::s4u::Host*> by_index;
  for (simgrid::s4u::Host* h : engine.get_all_hosts()) {
    const char* role = h->get_property("role");
    if (role == nullptr || std::string(role) != "chip") continue;
    const char* idx = h->get_property("chip_index");
    const std::string text = idx ? idx : "";
    std::size_t used = 0;
    long value = -1;
    try { value = std::stol(text, &used); } catch (const std::exception&) { used = 0; }
    if (text.empty() || used != text.size() || value < 0)
      throw InputError(where, "host " + h->get_name(),
                       "role=\"chip\" needs a property chip_index with a non-negative integer, found " + quote_value(text));
    if (!by_index.emplace(value, h).second)
      throw InputError(where, "host " + h->get_name(),
                       "chip_index " + text + " is also used by host " + by_index[value]->get_name());
  }
  if (by_index.empty())
    throw InputError(where, "", "no host has the property role=\"chip\"; expected chips numbered by chip_index");
  ChipHosts out;
  if (const char* full = engine.get_netzone_root()->get_property(kChipSubsetProperty)) {
    // A subset of a generated platform: chips keep their indices in the full one.
    const std::string text = full;
    std::size_t used = 0;
    long total = -1;
    try { total = std::stol(text, &used); } catch (const std::exception&) { used = 0; }
    if (text.empty() || used != text.size() || total < 1)
      throw InputError(where, kChipSubsetProperty, "expected a positive chip count, found " + quote_value(text));
    if (by_index.rbegin()->first >= total)
      throw InputError(where, "host " + by_index.rbegin()->second->get_name(),
                       "chip_index " + std::to_string(by_index.rbegin()->first) + " is not below " +
                           std::string(kChipSubsetProperty) + " = " + text);
    out.host.assign(std::size_t(total), nullptr);
    out.node.assign(std::size_t(total), "");
    for (const auto& [i, h] : by_index) {
      out.host[std::size_t(i)] = h;
      out.node[std::size_t(i)] = node_key(h);
    }
    return out;
  }
  for (const auto& [i, h] : by_index) {
    if (i != out.count())
      throw InputError(where, "host " + h->get_name(),
                       "chip_index values must be 0..N-1 without gaps; index " + std::to_string(out.count()) +
                           " is missing");
    out.host.push_back(h);
    out.node.push_back(node_key(h));
  }
  return out;
}

simgrid::s4u::Host* ChipHosts::first() const {
  for (auto* h : host)
    if (h) return h;
  return nullptr;
}

int uniform_ranks_per_node(const ChipHosts& hosts, const std::vector<int>& chips) {
  const int n = static_cast<int>(chips.size());
  if (n == 0) return 0;
  int g = 1;
  while (g < n && hosts.node[chips[g]] == hosts.node[chips[0]]) ++g;
  if (n % g != 0) return 0;
  for (int r = 0; r < n; ++r) {
    const bool same_as_leader = hosts.node[chips[r]] == hosts.node[chips[(r / g) * g]];
    if (!same_as_leader) return 0;
    if (r % g == 0 && r > 0 && hosts.node[chips[r]] == hosts.node[chips[r - 1]]) return 0;
  }
  return g;
}

}  // namespace ascendsim
