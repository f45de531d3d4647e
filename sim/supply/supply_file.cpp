// Reads kind = "supply" files: [line_defaults], [scenarios.NAME] (or their [[lines]]), [fleet].
#include "sim/supply/supply_file.hpp"

namespace ascendsim {

namespace {

// Reads key from the line, else from the defaults table, else uses the fallback (when given).
struct LineReader {
  const Section& line;
  const std::optional<Section>& defaults;
  const Section& pick(const std::string& key) const {
    return (!line.has(key) && defaults && defaults->has(key)) ? *defaults : line;
  }
  Param param(const std::string& key, Dimension dim, double min, double max) const {
    return pick(key).param(key, dim, min, max);
  }
  Param param_or(const std::string& key, Dimension dim, double fallback, double min, double max) const {
    return pick(key).param_or(key, dim, fallback, min, max);
  }
  std::optional<Param> param_opt(const std::string& key, Dimension dim, double min, double max) const {
    const Section& s = pick(key);
    if (!s.has(key)) return std::nullopt;
    return s.param(key, dim, min, max);
  }
};

SupplyLine load_line(const Section& s, const std::optional<Section>& defaults) {
  LineReader r{s, defaults};
  SupplyLine l;
  l.chip = r.pick("chip").string("chip");
  l.wafer_starts_per_month = r.param("wafer_starts_per_month", Dimension::Count, 0, 1e9);
  l.ascend_share = r.param("ascend_share", Dimension::Fraction, 0, 1);
  l.good_910c_eq_per_wafer = r.param("good_910c_eq_per_wafer", Dimension::Count, 0, 1e4);
  l.wafer_equivalent_per_chip = r.param_or("wafer_equivalent_per_chip", Dimension::Count, 1.0, 1e-6, 1e3);
  l.start_day = r.param("start", Dimension::Date, -1e300, 1e300);
  l.ramp_months = r.param_or("ramp_months", Dimension::Count, 0.0, 0, 1200);
  l.lead_time_s = r.param_or("lead_time", Dimension::Time, 0.0, 0, 3650 * 86400.0);
  l.packaging_cap_per_month = r.param_opt("packaging_cap_per_month", Dimension::Count, 0, 1e12);
  l.hbm_cap_per_month = r.param_opt("hbm_cap_per_month", Dimension::Count, 0, 1e12);
  return l;
}

}  // namespace

const SupplyScenario* SupplyFile::find(const std::string& name) const {
  for (const auto& s : scenarios)
    if (s.name == name) return &s;
  return nullptr;
}

SupplyScenario load_supply_scenario(const Section& scenario, const std::string& name,
                                    const std::optional<Section>& defaults) {
  SupplyScenario out;
  out.name = name;
  if (scenario.has("lines")) {
    for (const Section& l : scenario.tables("lines")) out.lines.push_back(load_line(l, defaults));
    if (out.lines.empty()) scenario.error("lines", "expected at least one production line");
  } else {
    out.lines.push_back(load_line(scenario, defaults));
  }
  return out;
}

FleetSpec load_fleet(const Section& fleet) {
  FleetSpec f;
  f.org_share = fleet.param_or("org_share", Dimension::Fraction, 1.0, 0, 1);
  if (auto units = fleet.table_opt("supernode_chips"))
    for (const std::string& chip : units->keys()) {
      const bool metadata = chip == "source" || chip == "assumption" || chip == "note" ||
                            (chip.size() > 7 && chip.rfind("_source") == chip.size() - 7) ||
                            (chip.size() > 11 && chip.rfind("_assumption") == chip.size() - 11);
      if (!metadata) f.supernode_chips[chip] = units->integer(chip, 1, 1L << 30);
    }
  for (const Section& ic : fleet.tables("installed")) {
    InstalledChips c;
    c.chip = ic.string("chip");
    c.day = ic.date("date");
    c.chips = ic.param("chips", Dimension::Count, 0, 1e9);
    f.installed.push_back(c);
  }
  return f;
}

SupplyFile load_supply_file(const std::string& path, std::vector<Override>* overrides) {
  TomlDocument doc = TomlDocument::load(path, overrides);
  Section root = doc.root();
  SupplyFile out;
  if (root.choice("kind", {"supply"}) == "supply") {
    const std::optional<Section> defaults = root.table_opt("line_defaults");
    if (defaults) {
      // Check every default once, so a default that all scenarios override is still validated
      // (and not reported as an unknown key).
      const std::optional<Section> none;
      LineReader r{*defaults, none};
      if (defaults->has("chip")) defaults->string("chip");
      for (const char* k : {"wafer_starts_per_month", "good_910c_eq_per_wafer", "ramp_months"})
        r.param_opt(k, Dimension::Count, 0, 1e9);
      r.param_opt("ascend_share", Dimension::Fraction, 0, 1);
      r.param_opt("wafer_equivalent_per_chip", Dimension::Count, 1e-6, 1e3);
      r.param_opt("start", Dimension::Date, -1e300, 1e300);
      r.param_opt("lead_time", Dimension::Time, 0, 3650 * 86400.0);
      r.param_opt("packaging_cap_per_month", Dimension::Count, 0, 1e12);
      r.param_opt("hbm_cap_per_month", Dimension::Count, 0, 1e12);
    }
    if (auto scenarios = root.table_opt("scenarios")) {
      for (const std::string& name : scenarios->keys())
        if (auto s = scenarios->table_opt(name)) out.scenarios.push_back(load_supply_scenario(*s, name, defaults));
      if (out.scenarios.empty()) root.error("scenarios", "expected at least one [scenarios.NAME] table");
    } else {
      root.error("scenarios", "missing table (expected [scenarios.NAME] tables)");
    }
    if (auto fleet = root.table_opt("fleet")) out.fleet = load_fleet(*fleet);
  }
  doc.finish();
  return out;
}

}  // namespace ascendsim
