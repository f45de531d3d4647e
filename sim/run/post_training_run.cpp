// See post_training_run.hpp.
#include "sim/run/post_training_run.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "sim/run/phase_fleet.hpp"

namespace ascendsim {

namespace {

// A phase's outcome before its work: who it is and on how many chips.
PostTrainingRun named_outcome(const PostTrainingPhase& ph, long chips) {
  PostTrainingRun out;
  out.outcome.name = ph.name;
  out.outcome.stage = ph.stage;
  out.outcome.kind = post_training_kind_name(ph.kind);
  out.outcome.chips = chips;
  return out;
}

double checked_step_s(double step_s, long chips) {
  if (!(step_s > 0) || !std::isfinite(step_s))
    throw std::invalid_argument("step_time_s(" + std::to_string(chips) + ") returned a non-positive or non-finite time");
  return step_s;
}

}  // namespace

PostTrainingRun simulate_post_training_work(const RunInputs& in, const PostTrainingPhase& ph, long chips,
                                            std::size_t index) {
  PostTrainingRun out = named_outcome(ph, chips);
  PostTrainingOutcome& o = out.outcome;
  // The step level's step on this job. A job that is no whole number of the pretraining plan's
  // replicas is costed at the nearest legal job at or above one replica, scaled by chips (data-
  // parallel throughput taken as linear in the chips: the smaller layout itself is not simulated).
  const long rep = std::max(1L, in.replica_chips);
  const long legal = std::max(rep, chips / rep * rep);
  o.step_job_chips = legal;
  const double step_s = checked_step_s(in.step_time_s(legal) * double(legal) / double(chips), chips);
  if (ph.kind == PostTrainingKind::Sft) {
    o.units = double(ph.sft.steps);
    o.unit_s = sft_step_s(ph.sft, step_s, in.tokens_per_step);
  } else if (ph.kind == PostTrainingKind::Rl) {
    if (!in.rollout) throw std::invalid_argument("post-training phase " + ph.name + " is kind = \"rl\" but no rollout model was given");
    o.rollout = in.rollout(ph, chips);
    o.rollout_s = o.rollout.time_s;
    o.update_s = rl_update_s(ph.rl, step_s, in.tokens_per_step);
    o.units = double(ph.rl.steps);
    // Each update carries 1/updates_per_rollout of its rollout: steps x unit = rounds x (rollout +
    // updates_per_rollout x update), exactly, also when steps is not a whole number of rounds.
    o.unit_s = o.update_s + o.rollout_s / double(ph.rl.updates_per_rollout);
  } else {
    throw std::invalid_argument("simulate_post_training_work: phase " + ph.name + " is not an sft or rl phase");
  }
  o.productive_s = o.units * o.unit_s;

  RunInputs sub;
  sub.tokens = o.units;
  sub.tokens_per_step = 1;
  const double unit_s = o.unit_s;
  sub.step_time_s = [unit_s](long) { return unit_s; };
  sub.chips_planned = chips;
  sub.replica_chips = chips;  // the phase's layout is fixed: its job does not shrink or grow
  sub.chips_per_host = in.chips_per_host;
  sub.start_day = in.start_day;
  sub.checkpoint_bytes = in.checkpoint_bytes;
  sub.rates = in.rates;
  sub.policy = in.policy;
  sub.policy.post_training.clear();
  sub.policy.iteration = IterationLoop{};
  sub.policy.maintenance.clear();
  sub.policy.growth = GrowthPolicy::Fixed;
  sub.policy.failures.on_shortfall = ShortfallPolicy::WaitForRepair;
  sub.seed = in.seed + 0x9E3779B97F4A7C15ULL * static_cast<std::uint64_t>(index + 1);
  sub.record_trace = false;
  sub.params = in.params;
  const RunResult r = simulate_run(sub);
  if (r.never_finishes) {
    out.never_finishes = true;
    out.never_reason = "post-training phase " + ph.name + ": " + r.never_reason;
    return out;
  }
  o.wall_s = r.wait_for_chips_s + r.pretraining_s;
  o.chip_hours = o.wall_s * double(chips) / 3600.0;
  o.interruptions = r.interruptions_total;
  o.checkpoints_written = r.checkpoints_written;
  return out;
}

PostTrainingRun run_post_training_phase(const RunInputs& in, const PostTrainingPhase& ph, long chips, std::size_t index,
                                        const PhaseFleet* fleet, double ratio) {
  if (ph.kind == PostTrainingKind::Sft || ph.kind == PostTrainingKind::Rl) {
    if (!fleet) return simulate_post_training_work(in, ph, chips, index);
    // On a phase's own hardware the work runs on that fleet's steps (its job is already placed).
    RunInputs on = in;
    on.step_time_s = fleet->step_time_s;
    on.replica_chips = 1;
    on.chips_per_host = fleet->chips_per_host;
    return simulate_post_training_work(on, ph, chips, index);
  }
  const double st = checked_step_s(fleet ? fleet->step_time_s(chips) : in.step_time_s(chips), chips);
  PostTrainingRun w = named_outcome(ph, chips);
  PostTrainingOutcome& o = w.outcome;
  o.productive_s = ph.tokens > 0 ? std::ceil(ph.tokens / ph.tokens_per_step - 1e-9) * st : ph.chip_hours * 3600.0 / chips;
  o.wall_s = o.productive_s / ratio;
  o.chip_hours = o.wall_s * chips / 3600.0;
  return w;
}

}  // namespace ascendsim
