// One evaluation of a scenario, all levels wired top-down: the fleet from the supply model (or the
// fixed fleet) gives the chips usable on the day pretraining can start; the step level gives the
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

struct PretrainingOutcome {
  double start_day = 0;         // the phase's start (work may wait for chips after it)
  double end_day = 0;
  double duration_days = 0;     // wait for chips + training, as the calendar uses it
  long chips_at_start = 0;      // usable chips of the platform's type on the start day
  long job_chips = 0;           // the job size training started with (after any wait for chips)
  long final_job_chips = 0;     // after growth
  StepResult step;              // the step at the starting job size
  RunResult run;                // the run level's result (pretraining, post-training, trace)
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

// The fleet this evaluation sees (supply model with the sampler's values, or the fixed fleet).
Fleet scenario_fleet(const Scenario& s, ParamSampler& values);

}  // namespace ascendsim
