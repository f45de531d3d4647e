// Reads kind = "supply" files: [line_defaults], [scenarios.NAME] (or their [[lines]]), [fleet].
#include "sim/supply/supply_file.hpp"

#include <cstdio>

#include "sim/util/date.hpp"

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

bool metadata_key(const std::string& k) {
  auto ends_with = [&](const std::string& suffix) {
    return k.size() > suffix.size() && k.compare(k.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return k == "source" || k == "sources" || k == "assumption" || k == "note" || k == "notes" ||
         ends_with("_source") || ends_with("_assumption");
}

std::string percent(double fraction) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g%%", 100.0 * fraction);
  return buf;
}

// `pooled`: the line draws on the scenario's wafer pool through the mix schedule, so the pool
// keys belong to the scenario, not the line.
SupplyLine load_line(const Section& s, const std::optional<Section>& defaults, bool pooled) {
  LineReader r{s, defaults};
  SupplyLine l;
  l.chip = r.pick("chip").string("chip");
  s.string_or("name", "");  // optional: addresses the line in key paths (lines.NAME.start)
  if (pooled) {
    for (const char* k : {"wafer_starts_per_month", "ascend_share"})
      if (s.has(k))
        s.error(k, "lines of a scenario with [[mix]] share the scenario's wafer pool: set " + std::string(k) +
                       " on the scenario (or in [line_defaults]) and this line's share of it in [[mix]]");
  } else {
    l.wafer_starts_per_month = r.param("wafer_starts_per_month", Dimension::Count, 0, 1e9);
    l.ascend_share = r.param("ascend_share", Dimension::Fraction, 0, 1);
  }
  const bool by_dies = r.pick("dies_per_wafer").has("dies_per_wafer");
  const bool by_eq = r.pick("good_910c_eq_per_wafer").has("good_910c_eq_per_wafer");
  if (by_dies && by_eq)
    s.error("dies_per_wafer", "give either good_910c_eq_per_wafer or dies_per_wafer with yield_fraction "
                              "(and dies_per_chip), not both");
  if (by_dies) {
    l.dies_per_wafer = r.param("dies_per_wafer", Dimension::Count, 0, 1e5);
    l.yield_fraction = r.param("yield_fraction", Dimension::Fraction, 0, 1);
    l.dies_per_chip = r.param_or("dies_per_chip", Dimension::Count, 1.0, 1e-6, 64);
  } else {
    l.good_910c_eq_per_wafer = r.param("good_910c_eq_per_wafer", Dimension::Count, 0, 1e4);
    for (const char* k : {"yield_fraction", "dies_per_chip"})
      if (s.has(k)) s.error(k, "only used with dies_per_wafer (good packages per wafer = dies_per_wafer x yield_fraction / dies_per_chip)");
  }
  l.wafer_equivalent_per_chip = r.param_or("wafer_equivalent_per_chip", Dimension::Count, 1.0, 1e-6, 1e3);
  l.start_day = r.param("start", Dimension::Date, -1e300, 1e300);
  l.ramp_months = r.param_or("ramp_months", Dimension::Count, 0.0, 0, 1200);
  l.lead_time_s = r.param_or("lead_time", Dimension::Time, 0.0, 0, 3650 * 86400.0);
  l.packaging_cap_per_month = r.param_opt("packaging_cap_per_month", Dimension::Count, 0, 1e12);
  l.hbm_cap_per_month = r.param_opt("hbm_cap_per_month", Dimension::Count, 0, 1e12);
  return l;
}

// [[scenarios.NAME.mix]]: date = D, then one key per line chip with its share of the pool from D
// on. Entries in date order; shares of one entry sum to at most 1 (the rest of the pool is idle).
void load_mix(const Section& scenario, SupplyScenario& out) {
  const std::vector<Section> entries = scenario.tables("mix");
  if (entries.empty()) return scenario.error("mix", "expected at least one [[mix]] entry");
  long last_day = 0;
  bool first = true;
  for (const Section& e : entries) {
    const long day = e.date("date");
    e.string_or("name", "");  // optional: addresses the entry in key paths (mix.NAME.CHIP)
    if (!first && day <= last_day) e.error("date", "mix entries must be in increasing date order");
    std::vector<std::pair<std::string, Param>> shares;
    double sum = 0;
    for (const std::string& k : e.keys()) {
      if (k == "date" || k == "name" || metadata_key(k)) continue;
      bool known = false;
      for (const SupplyLine& l : out.lines) known |= l.chip == k;
      if (!known) {
        std::string chips;
        for (const SupplyLine& l : out.lines) chips += (chips.empty() ? "" : ", ") + l.chip;
        e.error(k, "no line of this scenario makes " + quote_value(k) + " (lines: " + chips + ")");
        continue;
      }
      Param p = e.param(k, Dimension::Fraction, 0, 1);
      sum += p.nominal;
      shares.emplace_back(k, p);
    }
    if (sum > 1.0 + 1e-9)
      e.error("date", "the shares of this entry sum to " + percent(sum) + " of the wafer pool; at most 100%");
    std::vector<Param> entry;
    for (const auto& [chip, p] : shares) entry.push_back(p);
    for (SupplyLine& l : out.lines) {
      MixStep step{day, Param(0.0), entry};
      for (const auto& [chip, p] : shares)
        if (chip == l.chip) step.share = p;
      l.mix.push_back(step);
    }
    last_day = day;
    first = false;
  }
  // Wafers before the first entry go to no line: say so rather than lose output silently.
  for (const SupplyLine& l : out.lines)
    if (l.start_day.nominal < static_cast<double>(out.lines.front().mix.front().day))
      entries.front().error("date", "the first mix entry (" + format_date(out.lines.front().mix.front().day) +
                                        ") is after line " + quote_value(l.chip) + " starts (" +
                                        format_date(static_cast<long>(l.start_day.nominal)) +
                                        ", nominal): the line would get no wafers until then");
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
  const bool pooled = scenario.has("mix");
  if (scenario.has("lines")) {
    for (const Section& l : scenario.tables("lines")) out.lines.push_back(load_line(l, defaults, pooled));
    if (out.lines.empty()) scenario.error("lines", "expected at least one production line");
  } else if (pooled) {
    scenario.error("mix", "a wafer mix needs the lines it divides the pool among ([[scenarios." + name + ".lines]])");
    return out;
  } else {
    out.lines.push_back(load_line(scenario, defaults, false));
  }
  if (pooled) {
    // One pool of Ascend wafers for every line: WPM x ascend_share, set on the scenario.
    LineReader r{scenario, defaults};
    const Param wpm = r.param("wafer_starts_per_month", Dimension::Count, 0, 1e9);
    const Param share = r.param("ascend_share", Dimension::Fraction, 0, 1);
    for (SupplyLine& l : out.lines) {
      l.wafer_starts_per_month = wpm;
      l.ascend_share = share;
    }
    for (std::size_t i = 0; i < out.lines.size(); ++i)
      for (std::size_t j = 0; j < i; ++j)
        if (out.lines[i].chip == out.lines[j].chip)
          scenario.error("lines", "two lines make " + quote_value(out.lines[i].chip) +
                                      ": with a [[mix]] each chip is one line (its share is keyed by chip)");
    if (!out.lines.empty()) load_mix(scenario, out);
  }
  return out;
}

InstalledChips load_installed_chips(const Section& entry) {
  InstalledChips c;
  c.pool = entry.string_or("name", c.pool);
  c.chip = entry.string("chip");
  c.day = entry.date("date");
  c.chips = entry.param("chips", Dimension::Count, 0, 1e9);
  return c;
}

FleetSpec load_fleet(const Section& fleet) {
  FleetSpec f;
  f.org_share = fleet.param_or("org_share", Dimension::Fraction, 1.0, 0, 1);
  f.customer = fleet.string_or("customer", f.customer);
  if (auto units = fleet.table_opt("supernode_chips"))
    for (const std::string& chip : units->keys())
      if (!metadata_key(chip)) f.supernode_chips[chip] = units->integer(chip, 1, 1L << 30);
  if (auto customers = fleet.table_opt("customers")) {
    double sum = 0;  // the named customers alone (the organisation's share squeezes them, see customer_shares)
    for (const std::string& name : customers->keys()) {
      if (metadata_key(name)) continue;
      if (name == f.customer) {
        customers->error(name, quote_value(name) + " is the organisation (fleet.customer): its share is fleet.org_share");
      } else if (name == "other") {
        customers->error(name, "\"other\" is what the named customers leave (1 - their shares); it is not given");
      } else {
        f.customers.emplace_back(name, customers->param(name, Dimension::Fraction, 0, 1));
        sum += f.customers.back().second.nominal;
      }
    }
    if (sum > 1.0 + 1e-9)
      customers->error("", "the customers' shares sum to " + percent(sum) + " (nominal); at most 100%");
  }
  for (const Section& ic : fleet.tables("installed")) f.installed.push_back(load_installed_chips(ic));
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
      for (const char* k : {"wafer_starts_per_month", "good_910c_eq_per_wafer", "ramp_months", "dies_per_wafer"})
        r.param_opt(k, Dimension::Count, 0, 1e9);
      r.param_opt("ascend_share", Dimension::Fraction, 0, 1);
      r.param_opt("yield_fraction", Dimension::Fraction, 0, 1);
      r.param_opt("dies_per_chip", Dimension::Count, 1e-6, 64);
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
