// PlatformInfo: closed-form platform summary from the spec; the bisection model is stated in the header.
#include "sim/platform/platform_info.hpp"
#include "sim/platform/platform_xml_check.hpp"

#include <algorithm>
#include <fstream>
#include <regex>

#include "sim/platform/topology_xml.hpp"

namespace ascendsim {

PlatformInfo platform_info(const PlatformSpec& s) {
  PlatformInfo i;
  i.name = s.name;
  i.spec = s;
  i.chips = s.chips();
  i.chip_types = {s.chip};
  i.nodes = s.nodes();
  i.racks = s.racks_per_supernode * s.supernodes;
  i.supernodes = s.supernodes;
  i.pods = s.pods();
  i.chips_per_node = s.chips_per_node;
  i.chips_per_supernode = s.chips_per_supernode();
  i.scaleup_bandwidth_Bps = s.scaleup_bandwidth_Bps;
  i.scaleout_bandwidth_Bps = s.scaleout_bandwidth_Bps;
  const double half = static_cast<double>(i.chips) / 2;
  if (s.supernodes == 1) {
    i.bisection_bandwidth_Bps = half * s.scaleup_bandwidth_Bps;
  } else {
    double b = half * s.scaleout_bandwidth_Bps;
    if (i.pods > 1) {
      double uplinks = 0;
      for (long p = 0; p < i.pods; ++p) uplinks += s.chips_in_pod(p) * s.scaleout_bandwidth_Bps / s.pod_oversubscription;
      b = std::min(b, uplinks / 2);
    }
    i.bisection_bandwidth_Bps = b;
  }
  i.node_storage_bandwidth_Bps = s.node_storage_bandwidth_Bps;
  i.storage_system_bandwidth_Bps = s.storage_system_bandwidth_Bps;
  i.storage_bandwidth_Bps = std::min(i.nodes * s.node_storage_bandwidth_Bps, s.storage_system_bandwidth_Bps);
  return i;
}

std::vector<std::pair<std::string, std::string>> spec_properties(const PlatformSpec& s) {
  auto n = [](double v) { return xml_number(v); };
  auto l = [](long v) { return std::to_string(v); };
  return {{"ascendsim.name", s.name},
          {"ascendsim.chip", s.chip},
          {"ascendsim.chips_per_node", l(s.chips_per_node)},
          {"ascendsim.nodes_per_rack", l(s.nodes_per_rack)},
          {"ascendsim.racks_per_supernode", l(s.racks_per_supernode)},
          {"ascendsim.supernodes", l(s.supernodes)},
          {"ascendsim.scaleup_bandwidth_Bps", n(s.scaleup_bandwidth_Bps)},
          {"ascendsim.scaleup_port_latency_s", n(s.scaleup_port_latency_s)},
          {"ascendsim.scaleup_switch_latency_s", n(s.scaleup_switch_latency_s)},
          {"ascendsim.scaleout_bandwidth_Bps", n(s.scaleout_bandwidth_Bps)},
          {"ascendsim.scaleout_port_latency_s", n(s.scaleout_port_latency_s)},
          {"ascendsim.scaleout_switch_latency_s", n(s.scaleout_switch_latency_s)},
          {"ascendsim.supernodes_per_group", l(s.supernodes_per_group)},
          {"ascendsim.groups_per_pod", l(s.groups_per_pod)},
          {"ascendsim.pod_oversubscription", n(s.pod_oversubscription)},
          {"ascendsim.node_storage_bandwidth_Bps", n(s.node_storage_bandwidth_Bps)},
          {"ascendsim.storage_latency_s", n(s.storage_latency_s)},
          {"ascendsim.storage_system_bandwidth_Bps", n(s.storage_system_bandwidth_Bps)}};
}

PlatformSpec spec_from_properties(const std::map<std::string, std::string>& p, const std::string& where) {
  auto get = [&](const std::string& k) -> const std::string& {
    auto it = p.find("ascendsim." + k);
    if (it == p.end())
      throw InputError(SourceLocation{where, 0, 0}, "ascendsim." + k,
                       "missing root-zone property (not a platform made by `ascendsim platform generate`?)");
    return it->second;
  };
  auto num = [&](const std::string& k, double min) {
    const std::string& v = get(k);
    char* end = nullptr;
    const double d = std::strtod(v.c_str(), &end);
    if (end == v.c_str() || *end != '\0' || !(d >= min))
      throw InputError(SourceLocation{where, 0, 0}, "ascendsim." + k, "expected a number >= " + xml_number(min) + ", found " + quote_value(v));
    return d;
  };
  auto cnt = [&](const std::string& k) { return static_cast<long>(num(k, 1)); };
  PlatformSpec s;
  s.name = get("name");
  s.chip = get("chip");
  s.chips_per_node = cnt("chips_per_node");
  s.nodes_per_rack = cnt("nodes_per_rack");
  s.racks_per_supernode = cnt("racks_per_supernode");
  s.supernodes = cnt("supernodes");
  s.scaleup_bandwidth_Bps = num("scaleup_bandwidth_Bps", 1e-300);
  s.scaleup_port_latency_s = num("scaleup_port_latency_s", 0);
  s.scaleup_switch_latency_s = num("scaleup_switch_latency_s", 0);
  s.scaleout_bandwidth_Bps = num("scaleout_bandwidth_Bps", 1e-300);
  s.scaleout_port_latency_s = num("scaleout_port_latency_s", 0);
  s.scaleout_switch_latency_s = num("scaleout_switch_latency_s", 0);
  s.supernodes_per_group = cnt("supernodes_per_group");
  s.groups_per_pod = cnt("groups_per_pod");
  s.pod_oversubscription = num("pod_oversubscription", 1);
  s.node_storage_bandwidth_Bps = num("node_storage_bandwidth_Bps", 1e-300);
  s.storage_latency_s = num("storage_latency_s", 0);
  s.storage_system_bandwidth_Bps = num("storage_system_bandwidth_Bps", 1e-300);
  check_platform_spec(s, where);
  return s;
}

PlatformInfo read_platform_info(const std::string& xml_path) {
  validate_platform_xml(xml_path);  // the whole file, as a step would load it
  std::ifstream in(xml_path);
  if (!in) throw InputError(SourceLocation{xml_path, 0, 0}, "", "cannot open platform file");
  static const std::regex prop(R"re(<prop id="(ascendsim\.[A-Za-z_]+)" value="([^"]*)"/>)re");
  std::map<std::string, std::string> props;
  std::map<std::string, int> prop_line;
  int root_line = 1;
  std::string line;
  for (int n = 0; std::getline(in, line) && n < 200; ++n) {
    std::smatch m;
    if (std::regex_search(line, m, prop)) props[m[1]] = m[2], prop_line[m[1]] = n + 1;
    if (line.rfind("<zone id=\"root\"", 0) == 0) root_line = n + 1;
    if (line.rfind("<zone id=\"storage-zone\"", 0) == 0) break;  // root properties come first
  }
  try {
    return platform_info(spec_from_properties(props, xml_path));
  } catch (const InputError& e) {
    // Locate each problem at its property's line, or at the root zone that should hold it.
    std::vector<Diagnostic> ds = e.diagnostics();
    for (auto& d : ds)
      if (d.where.line == 0) {
        const auto it = prop_line.find(d.key_path);
        d.where.line = it != prop_line.end() ? it->second : root_line;
        d.where.column = 1;
      }
    throw InputError(std::move(ds));
  }
}

}  // namespace ascendsim
