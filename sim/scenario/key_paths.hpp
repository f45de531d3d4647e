// The canonical key paths of a scenario's inputs: one name per input, the same in --set, sweep
// axes, a scenario's own `set = [...]`, inverse questions, sensitivity, Monte Carlo and reports.
// Paths are what the user thinks of, not how the files nest:
//   scenario file          its own keys        platform.spec, workload.training, fleet.scenario,
//                                              run.checkpoint.interval, montecarlo.draws
//   calendar               calendar.*          calendar.milestones.work-start.not_before
//                                              (phases, milestones, blackouts by name)
//   supply file [fleet]    fleet.*             fleet.org_share, fleet.supernode_chips.ascend-910c
//   supply [line_defaults] supply.*            supply.start, supply.chip, supply.lead_time
//   supply [scenarios]     supply.scenarios.*  supply.scenarios.base.ascend_share
//   training file          training.*          training.precision, training.tokens ([training]),
//                                              training.parallel.pp, training.memory.* (its other tables)
//   model file             model.*             model.moe.experts
//   chip catalogue         catalogue.*         catalogue.chips.ascend-910c.hbm_bandwidth
//   topology spec          spec.*              spec.scale_out.bandwidth
//   failure rates          failures.*          failures.accelerator.rate_per_component_hour
// The old forms are located errors that give the new name: supply.fleet.X (now fleet.X),
// supply.line_defaults.X (now supply.X), training.training.X (now training.X), and array indices
// (calendar.milestones.1.not_before, now calendar.milestones.work-start.not_before).
#pragma once
#include <string>
#include <vector>

#include "sim/config/overrides.hpp"

namespace ascendsim {

struct Scenario;

// Canonical path -> the routed form the loaders take (file prefix + the file's own path).
// An old form sets *old_form to a message naming the new path and returns "".
std::string route_key_path(const std::string& canonical, std::string* old_form);

// Rewrites every override's key_path to its routed form; throws InputError at the argument for old forms.
void route_overrides(std::vector<Override>& overrides);

// File paths given on the command line (platform.spec, platform.catalogue, workload.training,
// fleet.supply, calendar_file, run.failures.rates_file) are relative to the working directory, as
// on any command line; the scenario reads its own paths relative to itself. Rewrites such --set
// values to the equivalent path relative to the scenario file.
void resolve_command_line_paths(std::vector<Override>& overrides, const std::string& scenario_file);

// The canonical name of a Param read from `file` (loaded with override prefix `prefix`) at `path`,
// for the files of scenario `s` (filled in while it loads).
std::string canonical_param_path(const Scenario& s, const std::string& file, const std::string& prefix,
                                 const std::string& path);

}  // namespace ascendsim
