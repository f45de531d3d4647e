// Loader for supply inputs (kind = "supply"): named wafer scenarios and the organisation's fleet.
// The same sections can be embedded in a scenario file: load_supply_scenario() and load_fleet()
// take a Section, load_supply_file() a whole file. Every problem is a located InputError.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/config/toml_reader.hpp"
#include "sim/supply/fleet.hpp"
#include "sim/supply/wafer_supply.hpp"

namespace ascendsim {

struct SupplyFile {
  std::vector<SupplyScenario> scenarios;  // in file order
  FleetSpec fleet;
  const SupplyScenario* find(const std::string& name) const;
};

// One scenario table: either the line keys directly (one chip generation) or `[[...lines]]`.
// Keys missing from a line are taken from `defaults` (the file's [line_defaults]) when given.
// Line keys: chip, wafer_starts_per_month, ascend_share, good_910c_eq_per_wafer (or
// dies_per_wafer, yield_fraction, dies_per_chip (default 1)), wafer_equivalent_per_chip
// (default 1), start (date), ramp_months (default 0), lead_time (default "0d"),
// packaging_cap_per_month, hbm_cap_per_month (optional).
// With `[[...mix]]` (date, then one share per line chip) the lines share one wafer pool:
// wafer_starts_per_month and ascend_share are the scenario's, each line's share of the pool
// comes from the mix entry in force on the first day of its month.
SupplyScenario load_supply_scenario(const Section& scenario, const std::string& name,
                                    const std::optional<Section>& defaults = std::nullopt);
// [fleet]: org_share (default 1), customer (the organisation's name, default "organisation"),
// [fleet.customers] NAME = share (the other buyers; "other" gets the rest),
// supernode_chips = { chip = unit, ... }, [[fleet.installed]] with chip, date, chips
// and an optional pool name (name, default "installed").
FleetSpec load_fleet(const Section& fleet);
// One [[fleet.installed]] entry (a supply file's or a scenario's): chip, date, chips, name.
InstalledChips load_installed_chips(const Section& entry);
// A whole kind = "supply" file; throws InputError listing every problem.
SupplyFile load_supply_file(const std::string& path, std::vector<Override>* overrides = nullptr);

}  // namespace ascendsim
