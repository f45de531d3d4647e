#include "sim/scenario/key_paths.hpp"

#include <algorithm>
#include <filesystem>

#include "sim/scenario/scenario.hpp"

namespace ascendsim {

namespace {

bool starts_with(const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; }

std::string first_part(const std::string& s) { return s.substr(0, s.find('.')); }

// Keys of the scenario's own [fleet] table; every other fleet.* key is the supply file's [fleet].
// The scenario's pools (installed chips, rented capacity) are its own: a supply file's
// [[fleet.installed]] is read but not addressable by --set (give installed chips in the scenario).
const char* const kScenarioFleetKeys[] = {"supply", "scenario", "chips", "arrivals", "installed", "rented", "sites"};
// Top-level keys of a training file other than its [training] table.
const char* const kTrainingFileKeys[] = {"kind", "model", "parallel", "memory"};

template <std::size_t N>
bool in(const char* const (&list)[N], const std::string& k) {
  return std::any_of(std::begin(list), std::end(list), [&](const char* x) { return k == x; });
}

}  // namespace

std::string route_key_path(const std::string& c, std::string* old_form) {
  old_form->clear();
  auto old = [&](const std::string& now) {
    *old_form = "'" + c + "' is now '" + now + "'";
    return std::string();
  };
  if (starts_with(c, "fleet.")) {
    const std::string rest = c.substr(6);
    if (in(kScenarioFleetKeys, first_part(rest))) return c;
    return "supply.fleet." + rest;
  }
  if (starts_with(c, "supply.")) {
    const std::string rest = c.substr(7);
    const std::string k = first_part(rest);
    if (k == "fleet") return old("fleet." + rest.substr(std::min(rest.size(), std::size_t{6})));
    if (k == "line_defaults") return old("supply." + rest.substr(std::min(rest.size(), std::size_t{14})));
    if (k == "scenarios") return c;
    return "supply.line_defaults." + rest;
  }
  if (starts_with(c, "training.")) {
    const std::string rest = c.substr(9);
    const std::string k = first_part(rest);
    if (k == "training") return old("training." + rest.substr(std::min(rest.size(), std::size_t{9})));
    if (in(kTrainingFileKeys, k)) return c;
    return "training.training." + rest;
  }
  return c;
}

void route_overrides(std::vector<Override>& overrides) {
  std::vector<Diagnostic> ds;
  for (auto& o : overrides) {
    if (o.user_path.empty()) o.user_path = o.key_path;
    std::string why;
    const std::string routed = route_key_path(o.user_path, &why);
    if (!why.empty()) ds.push_back({override_location(o), "", why});
    else o.key_path = routed;
  }
  if (!ds.empty()) throw InputError(std::move(ds));
}

void resolve_command_line_paths(std::vector<Override>& overrides, const std::string& scenario_file) {
  namespace fs = std::filesystem;
  static const char* const kPathKeys[] = {"platform.spec", "platform.catalogue", "workload.training",
                                          "fleet.supply", "calendar_file", "run.failures.rates_file"};
  for (auto& o : overrides) {
    const std::string& k = o.user_path.empty() ? o.key_path : o.user_path;
    if (!in(kPathKeys, k)) continue;
    std::string v = o.value_text;
    if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) v = v.substr(1, v.size() - 2);
    if (v.empty() || fs::path(v).is_absolute()) continue;
    std::error_code ec;
    const fs::path base = fs::absolute(fs::path(scenario_file).parent_path(), ec);
    const fs::path target = fs::absolute(fs::path(v), ec);
    const fs::path rel = target.lexically_normal().lexically_relative(base.lexically_normal());
    if (ec || rel.empty()) continue;
    o.value_text = "\"" + rel.generic_string() + "\"";
  }
}

std::string canonical_param_path(const Scenario& s, const std::string& file, const std::string& prefix,
                                 const std::string& path) {
  if (!prefix.empty()) return starts_with(path, prefix + ".") ? path : prefix + "." + path;  // training, model
  if (!s.supply_file.empty() && file == s.supply_file) {
    if (starts_with(path, "fleet.")) return path;
    if (starts_with(path, "line_defaults.")) return "supply." + path.substr(14);
    return "supply." + path;
  }
  if (!s.catalogue_file.empty() && file == s.catalogue_file) return "catalogue." + path;
  if (!s.spec_file.empty() && file == s.spec_file) return "spec." + path;
  if (!s.run.failures.rates_file.empty() && file == s.run.failures.rates_file) return "failures." + path;
  return path;  // the scenario itself, and a shared calendar file (its keys start with calendar.)
}

}  // namespace ascendsim
