// Loader for kind = "platform-spec" files. Every count and bandwidth is checked with a located error;
// bandwidths default to the chip catalogue's per-direction values.
#include "sim/platform/topology_spec.hpp"

namespace ascendsim {

long PlatformSpec::chips_in_pod(long pod) const {
  const long groups_here = std::min(groups_per_pod, groups() - pod * groups_per_pod);
  return groups_here * supernodes_per_group * chips_per_supernode();
}

void check_platform_spec(const PlatformSpec& s, const std::string& where) {
  if (s.supernodes % s.supernodes_per_group != 0)
    throw InputError(SourceLocation{where, 0, 0}, "scale_out.supernodes_per_group",
                     "supernodes (" + std::to_string(s.supernodes) + ") must be a multiple of supernodes_per_group (" +
                         std::to_string(s.supernodes_per_group) + ")");
}

PlatformSpec load_platform_spec(const std::string& path, const ChipCatalogue& catalogue,
                                std::vector<Override>* overrides) {
  TomlDocument doc = TomlDocument::load(path, overrides);
  Section root = doc.root();
  root.choice("kind", {"platform-spec"});
  PlatformSpec s;
  s.name = root.string("name");
  s.description = root.string_or("description", "");
  if (root.has("source")) s.sources.push_back(root.string("source"));
  s.sources = root.has("sources") ? root.strings("sources") : s.sources;
  if (root.has("assumption")) s.assumptions.push_back(root.string("assumption"));
  if (root.has("assumptions")) for (auto& a : root.strings("assumptions")) s.assumptions.push_back(a);
  s.chip = root.string("chip");
  const long big = 1L << 20;
  s.chips_per_node = root.integer("chips_per_node", 1, big);
  s.nodes_per_rack = root.integer("nodes_per_rack", 1, big);
  s.racks_per_supernode = root.integer("racks_per_supernode", 1, big);
  s.supernodes = root.integer("supernodes", 1, big);
  const Section up = root.table("scale_up");
  s.scaleup_bandwidth_Bps = up.quantity_or("bandwidth", Dimension::Bandwidth, 0, 1);
  s.scaleup_port_latency_s = up.quantity("port_latency", Dimension::Time, 0);
  s.scaleup_switch_latency_s = up.quantity("switch_latency", Dimension::Time, 0);
  const Section out = root.table("scale_out");
  s.scaleout_bandwidth_Bps = out.quantity_or("bandwidth", Dimension::Bandwidth, 0, 1);
  s.scaleout_port_latency_s = out.quantity("port_latency", Dimension::Time, 0);
  s.scaleout_switch_latency_s = out.quantity("switch_latency", Dimension::Time, 0);
  s.supernodes_per_group = out.integer_or("supernodes_per_group", 1, 1, big);
  s.groups_per_pod = out.integer_or("groups_per_pod", 1, 1, big);
  s.pod_oversubscription = out.number_or("pod_oversubscription", 1, 1, 1e6);
  const Section st = root.table("storage");
  s.node_storage_bandwidth_Bps = st.quantity("node_bandwidth", Dimension::Bandwidth, 1);
  s.storage_latency_s = st.quantity("latency", Dimension::Time, 0);
  s.storage_system_bandwidth_Bps = st.quantity("system_bandwidth", Dimension::Bandwidth, 1);
  // The spec's own chips (add_spec_chips puts them into the catalogue callers use later).
  std::map<std::string, Chip> own_chips;
  if (auto own = root.table_opt("chips"))
    for (const auto& name : own->keys())
      if (name != "source" && name != "assumption" && name != "note") own_chips[name] = read_chip_entry(own->table(name), name);
  if (!root.failed()) {
    const Chip* chip = nullptr;
    try {
      chip = own_chips.count(s.chip) ? &own_chips.at(s.chip) : &catalogue.find(s.chip);
    } catch (const InputError& e) {
      root.error("chip", e.diagnostics().front().message);
    }
    if (chip) {
      if (s.scaleup_bandwidth_Bps == 0) s.scaleup_bandwidth_Bps = chip->scaleup_bandwidth_Bps.nominal;
      if (s.scaleout_bandwidth_Bps == 0) s.scaleout_bandwidth_Bps = chip->scaleout_bandwidth_Bps.nominal;
    }
    if (s.supernodes % s.supernodes_per_group != 0)
      out.error("supernodes_per_group", "must divide supernodes (" + std::to_string(s.supernodes) + "), found " +
                                            std::to_string(s.supernodes_per_group));
  }
  doc.finish();
  return s;
}

}  // namespace ascendsim
