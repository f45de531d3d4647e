// `ascendsim keys SCENARIO`: every input the scenario reads, under the canonical path that --set,
// sweep axes, inverse questions and the sensitivity table use, with its value (after the
// scenario's own sets and any --set given here), unit, source or assumption, and whether it is
// uncertain (a distribution that Monte Carlo draws and the tornado swing).
#include <cstdio>
#include <nlohmann/json.hpp>

#include "sim/cli/command.hpp"
#include "sim/scenario/key_paths.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_keys.hpp"

namespace ascendsim::cli {

namespace {

Registrar reg{{"keys", "List every settable input of a scenario: canonical path, value, unit, source or assumption, uncertain?",
               6, [](CLI::App& sub) {
  struct Opts {
    std::string file;
    bool json = false;
    std::vector<std::string> sets;
  };
  auto o = std::make_shared<Opts>();
  sub.add_option("scenario", o->file, "scenario file (kind = \"scenario\"), e.g. timelines/v4-ascend-thesis.toml")->required();
  sub.add_option("--set", o->sets, "show the values with these overrides applied (key.path=value)");
  sub.add_flag("--json", o->json, "print a JSON array of {path, value, unit, source, assumption, uncertain, file}");
  sub.footer("Example:\n  ascendsim keys timelines/v4-ascend-thesis.toml | grep fleet.\n"
             "  ascendsim run timelines/v4-ascend-thesis.toml --set fleet.org_share=20%");
  return [o]() -> int {
    std::vector<Override> overrides;
    for (const auto& s : o->sets) overrides.push_back(parse_override(s));
    resolve_command_line_paths(overrides, o->file);  // file paths in --set are relative to the working directory
    std::vector<Override> check = overrides;
    (void)load_scenario(o->file, &check);  // located errors first; the listing does not validate
    const std::vector<ScenarioKey> keys = list_scenario_keys(o->file, overrides);
    if (o->json) {
      nlohmann::json a = nlohmann::json::array();
      for (const auto& k : keys) {
        const auto colon = k.provenance.find(": ");
        a.push_back({{"path", k.path},
                     {"value", k.value},
                     {"unit", k.unit},
                     {"source", colon == std::string::npos ? std::string() : k.provenance.substr(colon + 2)},
                     {"assumption", k.assumption},
                     {"uncertain", k.uncertain},
                     {"file", k.file}});
      }
      print_json(a.dump(2));
      return 0;
    }
    std::size_t w = 4;
    for (const auto& k : keys) w = std::max(w, k.path.size());
    w = std::min<std::size_t>(w, 60);
    std::printf("%-*s  %-9s  %-5s  %s\n", static_cast<int>(w), "path", "uncertain", "unit", "value  [source or assumption]");
    for (const auto& k : keys) {
      std::string value = k.value.size() > 90 ? k.value.substr(0, 87) + "..." : k.value;
      std::string prov = k.provenance.size() > 100 ? k.provenance.substr(0, 97) + "..." : k.provenance;
      std::printf("%-*s  %-9s  %-5s  %s%s\n", static_cast<int>(w), k.path.c_str(), k.uncertain ? "yes" : "", k.unit.c_str(),
                  value.c_str(), prov.empty() ? "" : ("  [" + prov + "]").c_str());
    }
    return 0;
  };
}}};

}  // namespace

}  // namespace ascendsim::cli
