// One evaluation of a scenario, all levels wired top-down: the fleet from the supply model (or the
// fixed fleet), the installed chips and the rented pools gives the chips usable on the day
// pretraining can start (in the pools it may use); the step level gives the
// step time of the plan on that many chips; the run level turns tokens, failures, checkpoints and
// later chip arrivals into pretraining and post-training durations; the calendar schedules every
// phase and milestone and gives slack, critical path and verdict. Inputs are resolved through one
// ParamSampler: nominal values (the deterministic run), one Monte Carlo draw, or a sensitivity swing.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/config/param_sampler.hpp"
#include "sim/run/run_model.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/step_provider.hpp"
#include "sim/supply/fleet.hpp"
#include "sim/timeline/calendar.hpp"

namespace ascendsim {

// One phase of the run on its hardware, and what its rented capacity costs (owned chips first).
struct PhaseOutcome {
  std::string name;           // "pretraining", then each post-training phase
  std::string hardware;       // its platform and pools
  long chips = 0;             // the job (pretraining: at the end, after growth)
  double start_day = 0;
  double move_hours = 0;      // moving from the previous phase's hardware
  double wall_days = 0;       // the phase's work (pretraining: wait + training)
  double chip_hours = 0;
  long rented_chips = 0;
  double rental_usd = 0;      // rented chips x hours x price
};

struct PretrainingOutcome {
  double start_day = 0;         // the phase's start (work may wait for chips after it)
  double end_day = 0;
  double duration_days = 0;     // wait for chips + training, as the calendar uses it
  long chips_at_start = 0;      // usable chips of the platform's type on the start day
  long job_chips = 0;           // the job size training started with (after any wait for chips)
  long final_job_chips = 0;     // after growth
  StepResult step;              // the step at the starting job size
  RunResult run;                // the run level's result (pretraining, post-training, trace)
  std::vector<PhaseOutcome> phases;  // pretraining, then post-training, with hardware and rental cost
};

struct FleetPoint {
  long day = 0;
  long usable_chips = 0;
};

struct ScenarioOutcome {
  Schedule schedule;
  std::optional<PretrainingOutcome> pretraining;  // absent only if the phase never ran
  std::vector<FleetPoint> fleet;                   // usable chips over time (supply chart)
  std::string chip;                                // the platform's chip type
};

struct EvaluateOptions {
  std::uint64_t run_seed = 1;   // the run level's event stream (failure times)
  bool record_trace = true;     // run-level spans (off for Monte Carlo draws)
};

ScenarioOutcome evaluate_scenario(const Scenario& s, StepProvider& steps, ParamSampler& values,
                                  const EvaluateOptions& options);

// The run level's inputs for a job on this scenario's platform starting on `start_day`, with the
// fleet's arrival schedule (used by `ascendsim train` too).
RunInputs run_inputs_for(const Scenario& s, StepProvider& steps, const Fleet& fleet, double start_day,
                         ParamSampler& values, const EvaluateOptions& options);

// "Ascend 950PR on cm384-950pr (every pool)": the pretraining's platform and pools.
std::string pretraining_hardware_label(const Scenario& s);

// The fleet this evaluation sees, every pool (supply model with the sampler's values, or the fixed
// fleet; the installed chips; the rented pools). Fleet::only(s.pretraining_pools) is pretraining's.
Fleet scenario_fleet(const Scenario& s, ParamSampler& values);

}  // namespace ascendsim
