#include "sim/scenario/scenario_pools.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "sim/scenario/key_paths.hpp"
#include "sim/supply/supply_file.hpp"

namespace ascendsim {

namespace {

void need_provenance(const Section& t, const std::string& what) {
  if (!t.has("source") && !t.has("assumption"))
    t.error("", what + ": say where the number comes from, source = \"...\" or assumption = \"...\"");
}

std::string resolve(const std::string& scenario_file, const std::string& rel) {
  const std::filesystem::path p(rel);
  if (p.is_absolute()) return rel;
  return (std::filesystem::path(scenario_file).parent_path() / p).lexically_normal().string();
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : ", ") + x;
  return out;
}

bool known_pool(const Scenario& s, const std::string& name) {
  for (const auto& [pool, chips] : fleet_pool_chips(s))
    if (pool == name) return true;
  return false;
}

std::string known_pools(const Scenario& s) {
  std::vector<std::string> names;
  for (const auto& [pool, chips] : fleet_pool_chips(s)) names.push_back(pool);
  return joined(names);
}

}  // namespace

void load_fleet_pools(const Section& fleet, Scenario& s) {
  for (const Section& t : fleet.tables("installed")) {
    s.installed.push_back(load_installed_chips(t));
    need_provenance(t, "installed chips");
  }
  for (const Section& t : fleet.tables("rented")) {
    RentedPool r;
    r.pool = t.string("name");
    r.chip = t.string("chip");
    r.from_day = t.date("from");
    r.supernodes = t.integer("supernodes", 1, 1L << 30);
    r.supernode_chips = t.integer("supernode_chips", 1, 1L << 20);
    r.chip_hour_usd = t.param("chip_hour_usd", Dimension::Count, 0, 1e6);
    need_provenance(t, "rented capacity");
    s.rented.push_back(r);
  }
  for (const Section& t : fleet.tables("sites")) {
    PowerSite site;
    site.name = t.string("name");
    site.pools = t.strings("pools");
    if (site.pools.empty()) t.error("pools", "name the owned pools this site houses, e.g. pools = [\"supply\"]");
    site.power_MW = t.param("power_MW", Dimension::Count, 0, 1e6);
    need_provenance(t, "site power");
    s.sites.push_back(site);
  }
}

std::vector<std::pair<std::string, std::vector<std::string>>> fleet_pool_chips(const Scenario& s) {
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  auto add = [&](const std::string& pool, const std::string& chip) {
    for (auto& [p, chips] : out)
      if (p == pool) {
        if (std::find(chips.begin(), chips.end(), chip) == chips.end()) chips.push_back(chip);
        return;
      }
    out.push_back({pool, {chip}});
  };
  if (s.supply_driven) {
    if (const SupplyScenario* sc = s.supply.find(s.supply_scenario))
      for (const auto& line : sc->lines) add(kSupplyPool, line.chip);
    for (const auto& ic : s.supply.fleet.installed) add(ic.pool, ic.chip);
  } else if (!s.fixed_arrivals.empty()) {
    add(kFixedPool, s.platform.chip);
  }
  for (const auto& ic : s.installed) add(ic.pool, ic.chip);
  for (const auto& r : s.rented) add(r.pool, r.chip);
  return out;
}

std::vector<std::string> pool_chips(const Scenario& s, const std::vector<std::string>& pools) {
  std::vector<std::string> out;
  for (const auto& [pool, chips] : fleet_pool_chips(s))
    if (pools.empty() || std::find(pools.begin(), pools.end(), pool) != pools.end())
      out.insert(out.end(), chips.begin(), chips.end());
  return sorted(out);
}

std::string pools_text(const std::vector<std::string>& pools) { return pools.empty() ? "every pool" : joined(pools); }

void check_pool_names(const Scenario& s, const Section& fleet, const Section& workload) {
  std::vector<Diagnostic> problems;
  auto problem = [&](const Section& t, const std::string& key, const std::string& msg) {
    problems.push_back(Diagnostic{t.location(key), t.key_path(key), msg});
  };
  std::set<std::string> installed_names, rented_names;
  for (const auto& ic : s.supply.fleet.installed) installed_names.insert(ic.pool);
  for (const auto& ic : s.installed) installed_names.insert(ic.pool);
  const std::vector<Section> inst = fleet.tables("installed"), rent = fleet.tables("rented");
  for (std::size_t i = 0; i < inst.size() && i < s.installed.size(); ++i) {
    if (!s.catalogue.chips.count(s.installed[i].chip))
      problem(inst[i], "chip", "no chip " + quote_value(s.installed[i].chip) + " in " + s.catalogue.path);
    if (s.installed[i].pool == kSupplyPool || s.installed[i].pool == kFixedPool)
      problem(inst[i], "name", quote_value(s.installed[i].pool) + " names the supply deliveries or the fixed fleet; choose another name");
  }
  for (std::size_t i = 0; i < rent.size() && i < s.rented.size(); ++i) {
    const RentedPool& r = s.rented[i];
    if (!s.catalogue.chips.count(r.chip)) problem(rent[i], "chip", "no chip " + quote_value(r.chip) + " in " + s.catalogue.path);
    if (r.pool == kSupplyPool || r.pool == kFixedPool || installed_names.count(r.pool))
      problem(rent[i], "name", quote_value(r.pool) + " is already the name of another pool; a rented pool has its own");
    else if (!rented_names.insert(r.pool).second)
      problem(rent[i], "name", "two rented pools are named " + quote_value(r.pool));
  }
  const std::vector<Section> site_tables = fleet.tables("sites");
  std::set<std::string> sited;
  for (std::size_t i = 0; i < site_tables.size() && i < s.sites.size(); ++i)
    for (const std::string& p : s.sites[i].pools) {
      if (!known_pool(s, p)) {
        problem(site_tables[i], "pools", "no fleet pool " + quote_value(p) + " (pools: " + known_pools(s) + ")");
      } else if (rented_names.count(p)) {
        problem(site_tables[i], "pools", quote_value(p) + " is rented: the cloud powers it, not a site of the organisation");
      } else if (!sited.insert(p).second) {
        problem(site_tables[i], "pools", quote_value(p) + " is already housed by another site");
      } else {
        for (const std::string& chip : pool_chips(s, {p}))
          if (s.catalogue.chips.count(chip) && !s.catalogue.chips.at(chip).has_power())
            problem(site_tables[i], "pools", "chip " + chip + " of pool " + quote_value(p) + " has no chip_power_W in " +
                                                 s.catalogue.path + ": a site's power cap needs it");
      }
    }
  for (const auto& p : s.pretraining_pools)
    if (!known_pool(s, p))
      problem(workload, "pools", "no fleet pool " + quote_value(p) + " (pools: " + known_pools(s) + ")");
  if (!problems.empty()) throw InputError(std::move(problems));
}

void load_phase_hardware(Scenario& s, const Section& root, const std::string& scenario_path,
                         const std::vector<Override>& plan_overrides, const std::vector<std::string>& storage_keys_set) {
  std::vector<Section> tables;
  if (auto run = root.table_opt("run")) tables = run->tables("post_training");
  auto key_of = [](const std::string& spec, const std::vector<std::string>& pools, const std::vector<std::string>& sets) {
    return spec + "|" + joined(sorted(pools)) + "|" + joined(sets);
  };
  const std::string pretraining_key = key_of(s.spec_file, s.pretraining_pools, {});
  std::map<std::string, int> ids;
  std::set<std::string> specs_added{s.spec_file};
  for (std::size_t i = 0; i < s.run.post_training.size(); ++i) {
    const PostTrainingPhase& ph = s.run.post_training[i];
    if ((ph.spec.empty() && ph.pools.empty() && ph.training_set.empty()) || i >= tables.size()) {
      s.post_hardware.push_back(0);
      continue;
    }
    const Section& t = tables[i];
    const std::string spec_file = ph.spec.empty() ? s.spec_file : resolve(scenario_path, ph.spec);
    if (!ph.spec.empty()) t.check_path_ref("spec", spec_file, "platform spec");
    const std::string key = key_of(spec_file, ph.pools, ph.training_set);
    if (key == pretraining_key) {
      s.post_hardware.push_back(0);
      continue;
    }
    if (auto it = ids.find(key); it != ids.end()) {
      s.post_hardware.push_back(it->second);
      continue;
    }
    PhaseHardware hw;
    hw.spec_file = spec_file;
    hw.pools = ph.pools;
    for (const auto& p : hw.pools)
      if (!known_pool(s, p))
        throw InputError(t.location("pools"), t.key_path("pools"), "no fleet pool " + quote_value(p) + " (pools: " + known_pools(s) + ")");
    if (spec_file == s.spec_file) {
      hw.platform = s.platform;
    } else {
      if (specs_added.insert(spec_file).second) add_spec_chips(s.catalogue, spec_file, nullptr);
      hw.platform = load_platform_spec(spec_file, s.catalogue, nullptr);
    }
    // The phase's plan: the scenario's training file and overrides, then the phase's own.
    std::vector<Override> ov = plan_overrides;
    const std::size_t own_from = ov.size();
    for (const std::string& text : ph.training_set) {
      Override o;
      try {
        o = parse_override(text);
      } catch (const InputError&) {
        throw InputError(t.location("training_set"), t.key_path("training_set"), "expected \"training.KEY=VALUE\", found " + quote_value(text));
      }
      if (o.key_path.rfind("training.", 0) != 0 && o.key_path.rfind("model.", 0) != 0)
        throw InputError(t.location("training_set"), t.key_path("training_set"),
                         quote_value(text) + ": a phase adjusts its plan only (keys training.* or model.*)");
      o.origin = s.file + ": " + t.key_path("training_set") + " \"" + text + "\"";
      ov.push_back(o);
    }
    {
      // Canonical paths to the training file's own (training.precision -> training.training.precision).
      std::vector<Override> own(ov.begin() + static_cast<std::ptrdiff_t>(own_from), ov.end());
      route_overrides(own);
      std::copy(own.begin(), own.end(), ov.begin() + static_cast<std::ptrdiff_t>(own_from));
    }
    hw.plan = load_training(s.training_file, &ov);
    for (std::size_t k = own_from; k < ov.size(); ++k)
      if (!ov[k].used)
        throw InputError(t.location("training_set"), t.key_path("training_set"),
                         quote_value(ph.training_set[k - own_from]) + " reaches no key of " + s.training_file);
    const Chip& chip = s.catalogue.find(hw.platform.chip);
    const std::string chip_name = chip.display_name.empty() ? chip.name : chip.display_name;
    if (!chip.supports(hw.plan.precision))
      throw InputError(t.location(ph.training_set.empty() ? (ph.spec.empty() ? "" : "spec") : "training_set"),
                       t.key_path("training_set"),
                       std::string(precision_name(hw.plan.precision)) + " is not supported by " + chip_name + " (platform " +
                           spec_file + "); give this phase a precision the chip has, e.g. training_set = [\"training.precision=BF16\"]");
    // The chip must be one the phase's pools can hold (else the phase waits forever).
    const std::vector<std::string> have = pool_chips(s, hw.pools);
    if (std::find(have.begin(), have.end(), hw.platform.chip) == have.end())
      throw InputError(t.location(ph.pools.empty() ? (ph.spec.empty() ? "" : "spec") : "pools"), t.key_path("pools"),
                       "the phase's platform chip " + hw.platform.chip + " (" + quote_value(spec_file) + ") is not supplied: " +
                           pools_text(hw.pools) + " hold" + (hw.pools.size() == 1 ? "s" : "") + " only " +
                           (have.empty() ? std::string("nothing") : joined(have)) +
                           "; choose a platform of a supplied chip, or pools that hold this chip");
    RunPolicy storage;
    storage.checkpoint = s.run.checkpoint;
    use_platform_storage(storage, hw.platform, storage_keys_set);
    hw.storage = storage.checkpoint;
    hw.label = chip_name + " on " + hw.platform.name + " (" + (hw.pools.empty() ? "every pool" : "pools: " + joined(hw.pools)) + ")";
    s.phase_hardware.push_back(std::move(hw));
    ids[key] = static_cast<int>(s.phase_hardware.size());
    s.post_hardware.push_back(ids[key]);
  }
}

}  // namespace ascendsim
