#include "sim/scenario/scenario_run.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "sim/util/date.hpp"

namespace ascendsim {

namespace {
// Supply and growth are followed this far; a run that has not ended by then never finishes.
const long kHorizonDay = days_from_civil({2031, 1, 1});
// A pretraining phase that never finishes still needs a duration for the calendar: ten years,
// reported as "never finishes" with the run level's reason.
constexpr double kNeverDays = 3650.0;
}  // namespace

Fleet scenario_fleet(const Scenario& s, ParamSampler& values) {
  if (s.supply_driven) {
    // A chip with no fleet.supernode_chips entry is assembled into the platform's own supernodes
    // (so a new chip with its own supernode platform needs no edit of the supply file);
    // `validate` reports it (scenario_checks).
    FleetSpec fleet = s.supply.fleet;
    if (!fleet.supernode_chips.count(s.platform.chip))
      fleet.supernode_chips[s.platform.chip] = s.platform.chips_per_supernode();
    return Fleet::build(*s.supply.find(s.supply_scenario), fleet, values, kHorizonDay);
  }
  std::vector<std::pair<long, double>> deliveries;
  for (const auto& a : s.fixed_arrivals) deliveries.emplace_back(a.day, static_cast<double>(a.chips));
  // A fixed fleet is given in chips, already assembled: no supernode rounding.
  return Fleet::fixed({{s.platform.chip, deliveries}}, {{s.platform.chip, 1}});
}

RunInputs run_inputs_for(const Scenario& s, StepProvider& steps, const Fleet& fleet, double start_day,
                         ParamSampler& values, const EvaluateOptions& options) {
  const TrainingPlan& p = s.base_plan;
  // A fixed fleet smaller than one replica is an answer (the run never finishes), not bad input;
  // a plan with no legal size at all is bad input.
  const bool fleet_too_small = steps.max_job_chips() <= 0 && s.max_chips && steps.job_chips(1L << 40) > 0;
  if (steps.max_job_chips() <= 0 && !fleet_too_small)
    throw InputError(p.at("parallel.dp"), "parallel", "the plan has no legal data-parallel degree on any chip count");
  RunInputs in;
  in.tokens = p.tokens;
  in.tokens_per_step = p.tokens_per_step();
  // The simulator's own error (model_error.step_time, nominal 1): every step of the run is that
  // much longer or shorter than the step level says; the reported step itself is the model's.
  const double error = s.step_time_error ? values.value(*s.step_time_error) : 1.0;
  in.step_time_s = [&steps, error](long chips) { return steps.step_for(chips).step_time_s * error; };
  for (const auto& ph : s.run.post_training)
    if (ph.kind == PostTrainingKind::Rl) {
      // model_error.serving_time (nominal 1) stretches every part of a rollout: it is drawn only
      // when the run has an RL phase, so other scenarios do not list it among their inputs.
      const double serr = s.serving_time_error ? values.value(*s.serving_time_error) : 1.0;
      in.rollout = [fn = steps.rollouts().rollout_fn(), serr](const PostTrainingPhase& phase, long chips) {
        RolloutTime t = fn(phase, chips);
        for (double* x : {&t.tpot_s, &t.throughput_s, &t.tail_tpot_s, &t.tail_s, &t.decode_s, &t.prefill_s, &t.time_s}) *x *= serr;
        return t;
      };
      break;
    }
  in.chips_planned = fleet_too_small ? *s.max_chips : steps.max_job_chips();
  in.replica_chips = steps.replica_chips();
  in.chips_per_host = s.platform.chips_per_node;
  for (const FleetStep& f : fleet.usable_schedule(s.platform.chip, kHorizonDay))
    in.arrivals.push_back(Arrival{static_cast<double>(f.day), f.added_chips});
  if (in.arrivals.empty()) in.arrivals.push_back(Arrival{kHorizonDay + 1.0, 0});  // no chips ever: the run says so
  in.start_day = start_day;
  // Checkpoint size depends on the model and plan, not on the job size.
  const long start_job = steps.job_chips(fleet.usable_chips(s.platform.chip, static_cast<long>(std::floor(start_day))));
  in.checkpoint_bytes = steps.step_for(start_job > 0 ? start_job : steps.replica_chips()).checkpoint_bytes;
  in.rates = s.rates;
  in.policy = s.run;
  in.seed = options.run_seed;
  in.record_trace = options.record_trace;
  in.params = &values;
  return in;
}

ScenarioOutcome evaluate_scenario(const Scenario& s, StepProvider& steps, ParamSampler& values,
                                  const EvaluateOptions& options) {
  ScenarioOutcome out;
  out.chip = s.platform.chip;
  const Fleet fleet = scenario_fleet(s, values);
  std::optional<PretrainingOutcome> pre;
  const DurationFn durations = [&](const TimelineNode& node, double start_day) -> double {
    if (node.name == s.pretraining_phase) {
      PretrainingOutcome po;
      po.start_day = start_day;
      po.chips_at_start = fleet.usable_chips(s.platform.chip, static_cast<long>(std::floor(start_day)));
      const RunInputs in = run_inputs_for(s, steps, fleet, start_day, values, options);
      po.run = simulate_run(in);
      // The job training starts with: after any wait for chips, as the run level sized it.
      po.job_chips = po.run.initial_chips > 0 ? po.run.initial_chips : steps.replica_chips();
      po.step = steps.step_for(po.job_chips);
      po.final_job_chips = po.run.final_chips;
      po.duration_days = po.run.never_finishes ? kNeverDays : (po.run.wait_for_chips_s + po.run.pretraining_s) / 86400.0;
      po.end_day = start_day + po.duration_days;
      pre = std::move(po);
      return pre->duration_days;
    }
    if (node.name == s.post_training_phase) {
      if (!pre) throw std::logic_error("post-training scheduled before pretraining: the calendar must order them");
      return pre->run.never_finishes ? 0.0 : pre->run.post_training_s / 86400.0;
    }
    throw std::logic_error("no run-level duration for phase " + node.name);
  };
  out.schedule = schedule_timeline(s.calendar, values, durations);
  out.pretraining = std::move(pre);
  for (const FleetStep& f : fleet.usable_schedule(s.platform.chip, kHorizonDay))
    out.fleet.push_back(FleetPoint{f.day, f.usable_chips});
  return out;
}

}  // namespace ascendsim
