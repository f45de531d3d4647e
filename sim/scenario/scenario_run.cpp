#include "sim/scenario/scenario_run.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "sim/supply/rented_capacity.hpp"
#include "sim/util/date.hpp"

namespace ascendsim {

namespace {
// Supply and growth are followed this far; a run that has not ended by then never finishes.
const long kHorizonDay = days_from_civil({2031, 1, 1});
// A pretraining phase that never finishes still needs a duration for the calendar: ten years,
// reported as "never finishes" with the run level's reason.
constexpr double kNeverDays = 3650.0;
}  // namespace

namespace {

// Each site's power cap on the owned pools it houses (chip + host power per chip, catalogue).
Fleet with_power_caps(Fleet f, const Scenario& s, ParamSampler& values) {
  for (const PowerSite& site : s.sites) {
    std::map<std::string, double> watts;
    for (const std::string& chip : f.chip_types_in(site.pools))
      if (auto it = s.catalogue.chips.find(chip); it != s.catalogue.chips.end()) watts[chip] = it->second.power_per_chip_W();
    f.cap_power(site.pools, values(site.power_MW) * 1e6, watts);
  }
  return f;
}

Fleet uncapped_fleet(const Scenario& s, ParamSampler& values);

}  // namespace

Fleet scenario_fleet(const Scenario& s, ParamSampler& values) { return with_power_caps(uncapped_fleet(s, values), s, values); }

namespace {

Fleet uncapped_fleet(const Scenario& s, ParamSampler& values) {
  if (s.supply_driven) {
    // A chip with no fleet.supernode_chips entry is assembled into the platform's own supernodes
    // (so a new chip with its own supernode platform needs no edit of the supply file);
    // `validate` reports it (scenario_checks).
    FleetSpec fleet = s.supply.fleet;
    if (!fleet.supernode_chips.count(s.platform.chip))
      fleet.supernode_chips[s.platform.chip] = s.platform.chips_per_supernode();
    fleet.installed.insert(fleet.installed.end(), s.installed.begin(), s.installed.end());
    Fleet f = Fleet::build(*s.supply.find(s.supply_scenario), fleet, values, kHorizonDay);
    for (const RentedPool& r : s.rented) f.add_rented(r);
    return f;
  }
  std::map<std::string, std::vector<std::pair<long, double>>> deliveries;
  for (const auto& a : s.fixed_arrivals) deliveries[s.platform.chip].emplace_back(a.day, static_cast<double>(a.chips));
  // A fixed fleet is given in chips, already assembled: no supernode rounding. Installed chips of
  // the scenario file are counted in chips too; rented capacity comes in its own supernodes.
  Fleet f = Fleet::fixed(deliveries, {{s.platform.chip, 1}});
  for (const InstalledChips& ic : s.installed) f.add(ic.pool, ic.chip, ic.day, values(ic.chips));
  for (const RentedPool& r : s.rented) f.add_rented(r);
  return f;
}

// The fleet a phase of hardware `hw` may draw on, as the run level's PhaseFleet.
PhaseFleet phase_fleet(const PhaseHardware& hw, StepProvider& steps, const Fleet& fleet, double error) {
  PhaseFleet pf;
  pf.label = hw.label;
  pf.step_time_s = [&steps, error](long chips) { return steps.step_for(chips).step_time_s * error; };
  pf.job_chips = [&steps](long chips) { return steps.job_chips(chips); };
  for (const FleetStep& f : fleet.only(hw.pools).usable_schedule(hw.platform.chip, kHorizonDay))
    pf.arrivals.emplace_back(static_cast<double>(f.day), f.added_chips);
  pf.chips_per_host = hw.platform.chips_per_node;
  pf.storage = hw.storage;
  return pf;
}

// A phase's job on `chip` in `pools` (empty: every pool) on `day`, and its rented share's cost.
PhaseOutcome phase_outcome(const Scenario& s, const Fleet& all_pools, const std::vector<std::string>& pools,
                           const std::string& chip, long job_chips, double day, double chip_hours, ParamSampler& values) {
  PhaseOutcome o;
  o.chips = job_chips;
  o.start_day = day;
  o.chip_hours = chip_hours;
  auto allowed = [&](const std::string& pool) { return pools.empty() || std::find(pools.begin(), pools.end(), pool) != pools.end(); };
  std::vector<std::string> owned;
  for (const std::string& pool : all_pools.pools()) {
    bool rented = false;
    for (const RentedPool& r : s.rented) rented |= r.pool == pool;
    if (!rented && allowed(pool)) owned.push_back(pool);
  }
  const long d = static_cast<long>(std::floor(day));
  const long owned_chips = owned.empty() ? 0 : all_pools.only(owned).usable_chips(chip, d);
  std::vector<RentedSlice> slices;
  for (const RentedPool& r : s.rented)
    if (r.chip == chip && allowed(r.pool) && r.from_day <= d) slices.push_back(RentedSlice{r.chips(), values(r.chip_hour_usd)});
  const RentalUse use = rental_use(job_chips, owned_chips, slices);
  o.rented_chips = use.rented_chips;
  o.rental_usd = job_chips > 0 ? use.usd_per_hour * chip_hours / static_cast<double>(job_chips) : 0.0;
  return o;
}

}  // namespace

RunInputs run_inputs_for(const Scenario& s, StepProvider& steps, const Fleet& all_pools, double start_day,
                         ParamSampler& values, const EvaluateOptions& options) {
  const TrainingPlan& p = s.base_plan;
  const Fleet fleet = all_pools.only(s.pretraining_pools);
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
  for (std::size_t k = 0; k < s.phase_hardware.size(); ++k)
    in.phase_fleets.push_back(phase_fleet(s.phase_hardware[k], steps.phase(static_cast<int>(k + 1)), all_pools, error));
  in.post_hardware = s.post_hardware;
  return in;
}

std::string pretraining_hardware_label(const Scenario& s) {
  const Chip& c = s.catalogue.find(s.platform.chip);
  return (c.display_name.empty() ? c.name : c.display_name) + " on " + s.platform.name + " (" +
         (s.pretraining_pools.empty() ? std::string("every pool") : "pools: " + [&] {
           std::string t;
           for (const auto& p : s.pretraining_pools) t += (t.empty() ? "" : ", ") + p;
           return t;
         }()) + ")";
}

ScenarioOutcome evaluate_scenario(const Scenario& s, StepProvider& steps, ParamSampler& values,
                                  const EvaluateOptions& options) {
  ScenarioOutcome out;
  out.chip = s.platform.chip;
  const Fleet all_pools = scenario_fleet(s, values);
  const Fleet fleet = all_pools.only(s.pretraining_pools);  // the pools pretraining may use
  std::optional<PretrainingOutcome> pre;
  const DurationFn durations = [&](const TimelineNode& node, double start_day) -> double {
    if (node.name == s.pretraining_phase) {
      PretrainingOutcome po;
      po.start_day = start_day;
      po.chips_at_start = fleet.usable_chips(s.platform.chip, static_cast<long>(std::floor(start_day)));
      const RunInputs in = run_inputs_for(s, steps, all_pools, start_day, values, options);
      po.run = simulate_run(in);
      // The job training starts with: after any wait for chips, as the run level sized it.
      po.job_chips = po.run.initial_chips > 0 ? po.run.initial_chips : steps.replica_chips();
      po.step = steps.step_for(po.job_chips);
      po.final_job_chips = po.run.final_chips;
      po.duration_days = po.run.never_finishes ? kNeverDays : (po.run.wait_for_chips_s + po.run.pretraining_s) / 86400.0;
      po.end_day = start_day + po.duration_days;
      if (!po.run.never_finishes) {
        // Rented chips are priced at the job's final size on its last day (owned chips first).
        PhaseOutcome p0 = phase_outcome(s, all_pools, s.pretraining_pools, s.platform.chip, po.final_job_chips,
                                        po.end_day, po.run.chip_hours, values);
        p0.name = s.pretraining_phase;
        p0.hardware = pretraining_hardware_label(s);
        p0.start_day = start_day;
        p0.wall_days = po.duration_days;
        po.phases.push_back(p0);
        for (const PhaseRun& pr : po.run.post_phases) {
          const PhaseHardware* hw = pr.hardware > 0 ? &s.phase_hardware[static_cast<std::size_t>(pr.hardware - 1)] : nullptr;
          PhaseOutcome o = phase_outcome(s, all_pools, hw ? hw->pools : s.pretraining_pools, hw ? hw->platform.chip : s.platform.chip,
                                         pr.chips, pr.start_day, static_cast<double>(pr.chips) * pr.wall_s / 3600.0, values);
          o.name = pr.name;
          o.hardware = hw ? hw->label : p0.hardware;
          o.move_hours = pr.move_s / 3600.0;
          o.wall_days = pr.wall_s / 86400.0;
          po.phases.push_back(o);
        }
      }
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
