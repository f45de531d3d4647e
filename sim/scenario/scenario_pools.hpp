// A scenario's fleet pools and the hardware of its phases: chips the organisation already owns
// ([[fleet.installed]]), capacity it rents from a cloud ([[fleet.rented]]), the pools each phase
// may use ([workload] pools, [[run.post_training]] pools) and a post-training phase's own platform
// ([[run.post_training]] spec, training_set). Loading and checks only (located InputErrors); the
// fleet itself is assembled in scenario_run.cpp.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "sim/config/toml_reader.hpp"
#include "sim/scenario/scenario.hpp"

namespace ascendsim {

// Reads [[fleet.installed]] (name = pool, default "installed"; chip; date; chips; a source or an
// assumption) and [[fleet.rented]] (name; chip; from; supernodes, the cap; supernode_chips;
// chip_hour_usd; a source or an assumption) into s.installed and s.rented.
void load_fleet_pools(const Section& fleet, Scenario& s);

// Every pool of the scenario's fleet and the chip types it can hold (any date): "supply" (the
// supply scenario's lines), "fleet" (a fixed fleet: the platform's chip), the supply file's and the
// scenario's installed entries and the rented pools, by name; in that order.
std::vector<std::pair<std::string, std::vector<std::string>>> fleet_pool_chips(const Scenario& s);
// Chip types the given pools can hold (empty list: every pool), sorted and unique.
std::vector<std::string> pool_chips(const Scenario& s, const std::vector<std::string>& pools);
std::string pools_text(const std::vector<std::string>& pools);  // "a, b" or "every pool"

// After the catalogue is loaded: pool names are not reused across kinds (nor "supply"/"fleet"),
// rented names are unique, installed and rented chips are in the catalogue, and workload.pools
// names pools that exist.
void check_pool_names(const Scenario& s, const Section& fleet, const Section& workload);

// The hardware of each run.post_training phase (s.phase_hardware, s.post_hardware): its platform
// (spec, relative to the scenario file; default the pretraining platform), pools (default every
// pool) and plan (the training file with plan_overrides, then the phase's training_set). Errors,
// at the phase's keys: unknown pool, the platform's chip not in the pools, a precision the chip
// lacks, a training_set entry that reaches no key. `storage_keys_set`: the storage keys the run
// policy set itself (the phase's platform storage fills the others).
void load_phase_hardware(Scenario& s, const Section& root, const std::string& scenario_path,
                         const std::vector<Override>& plan_overrides, const std::vector<std::string>& storage_keys_set);

}  // namespace ascendsim
