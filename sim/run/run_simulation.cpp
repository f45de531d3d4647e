// The run-level event loop (see run_model.hpp). Between events the run advances in closed form:
// n steps of constant step time, failure hazard consumed at the job's total rate (an Exp(1) budget,
// so the rate may change with the job size). Events: failure, straggler onset/swap, maintenance,
// checkpoint boundary, end of run. Failures are drawn only while the job is up (training/checkpointing).
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

#include "sim/run/checkpoint_interval.hpp"
#include "sim/run/post_training_run.hpp"
#include "sim/run/run_model.hpp"
#include "sim/run/run_trace_budget.hpp"
#include "sim/util/rng.hpp"

namespace ascendsim {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kMaxWall_s = 100.0 * 365.0 * 86400.0;  // beyond this a run "never finishes"

class RunSim {
 public:
  explicit RunSim(const RunInputs& in)
      : in_(in), rng_fail_(Rng(in.seed).fork(1)), rng_strag_(Rng(in.seed).fork(2)),
        params_(in.params ? in.params : &nominal_) {
    const FailurePolicy& f = in.policy.failures;
    detection_s_ = params_->value(f.detection_s);
    restart_s_ = params_->value(f.restart_s);
    spare_swap_s_ = params_->value(f.spare_swap_s);
    repair_s_ = params_->value(f.repair_s);
    straggler_detect_s_ = params_->value(f.straggler_detect_s);
    if (in.policy.checkpoint.interval_s) fixed_interval_s_ = params_->value(*in.policy.checkpoint.interval_s);
    min_interval_s_ = params_->value(in.policy.checkpoint.min_interval_s);
    for (int i = 0; i < kComponentCount; ++i)
      rate_per_comp_h_[i] = params_->value(in.rates.classes[i].rate_per_component_hour);
    for (int i = 0; i < kComponentCount; ++i) r_.interruptions_by_cause[component_name(static_cast<Component>(i))] = 0;
    for (const char* k : {"maintenance", "straggler", "replan"}) r_.interruptions_by_cause[k] = 0;
  }

  RunResult run();

 private:
  // --- fleet -------------------------------------------------------------------------------
  double arrival_s(const Arrival& a) const { return (a.day - in_.start_day) * 86400.0; }
  long arrived(double t) const {
    if (in_.arrivals.empty()) return in_.chips_planned;
    long n = 0;
    for (const auto& a : in_.arrivals) if (arrival_s(a) <= t) n += a.chips;
    return n;
  }
  long pool(double t) const {
    long out = 0;
    for (double back : repairs_) if (back > t) ++out;
    return arrived(t) + in_.policy.failures.spare_hosts * in_.chips_per_host - out * in_.chips_per_host;
  }
  long usable(long chips) const { return chips <= 0 ? 0 : (chips / in_.replica_chips) * in_.replica_chips; }
  // Earliest time >= from when at least `need` usable chips are in the pool (kInf if never).
  double when_pool_reaches(long need, double from) const {
    std::vector<double> cand{from};
    for (double back : repairs_) if (back > from) cand.push_back(back);
    for (const auto& a : in_.arrivals) if (arrival_s(a) > from) cand.push_back(arrival_s(a));
    std::sort(cand.begin(), cand.end());
    for (double c : cand) if (usable(pool(c)) >= need) return c;
    return kInf;
  }

  // --- rates and step time ------------------------------------------------------------------
  double failure_rate_per_s(long chips) const {
    double sum = 0;
    for (int i = 0; i < kComponentCount; ++i) {
      const auto& c = in_.rates.classes[i];
      sum += rate_per_comp_h_[i] * (c.components_per_chip * chips + c.components_per_job);
    }
    return sum / 3600.0;
  }
  Component draw_class(long chips) {
    double total = 0, w[kComponentCount];
    for (int i = 0; i < kComponentCount; ++i) {
      const auto& c = in_.rates.classes[i];
      w[i] = rate_per_comp_h_[i] * (c.components_per_chip * chips + c.components_per_job);
      total += w[i];
    }
    double u = rng_fail_.uniform01() * total;
    for (int i = 0; i < kComponentCount; ++i) {
      if (u < w[i]) return static_cast<Component>(i);
      u -= w[i];
    }
    return Component::Software;
  }
  double step_time(long chips) {
    auto it = step_cache_.find(chips);
    if (it != step_cache_.end()) return it->second;
    const double st = in_.step_time_s(chips);
    if (!(st > 0) || !std::isfinite(st))
      throw std::invalid_argument("step_time_s(" + std::to_string(chips) + ") returned a non-positive or non-finite time");
    step_cache_[chips] = st;
    return st;
  }
  IntervalChoice interval_choice(long chips) const {
    if (fixed_interval_s_) {
      IntervalChoice c;
      c.interval_s = *fixed_interval_s_;
      c.rule = "fixed";
      return c;
    }
    const double lam = failure_rate_per_s(chips);
    return policy_interval(checkpoint_blocking_s(in_, chips), checkpoint_write_s(in_, chips), lam > 0 ? 1.0 / lam : kInf,
                           min_interval_s_, in_.policy.checkpoint.max_storage_share);
  }
  double interval_s(long chips) const { return interval_choice(chips).interval_s; }
  void set_job(long chips) {
    job_ = chips;
    const double k = std::llround(interval_s(chips) / step_time(chips));
    ckpt_every_steps_ = std::isfinite(interval_s(chips)) ? std::max(1.0, k) : kInf;
  }

  // --- time accounting ----------------------------------------------------------------------
  // Up time: hazards are consumed; returns the time of the first failure inside [t, t+dt) or kInf.
  double failure_within(double dt) const {
    const double lam = failure_rate_per_s(job_);
    if (lam <= 0) return kInf;
    const double tf = hazard_ / lam;
    return tf < dt ? tf : kInf;
  }
  void consume_up(double dt) {
    hazard_ -= failure_rate_per_s(job_) * dt;
    if (straggler_until_ < 0) shazard_ -= in_.policy.failures.straggler_rate_per_chip_hour * job_ / 3600.0 * dt;
    chip_s_ += dt * job_;
    t_ += dt;
  }
  void down(double dt, const char* category, const std::string& name) {
    if (dt <= 0) return;
    span("job", category, name, t_, t_ + dt);
    chip_s_ += dt * job_;
    downtime_s_ += dt;
    t_ += dt;
  }
  void span(const std::string& res, const std::string& cat, const std::string& name, double a, double b,
            std::vector<std::pair<std::string, std::string>> attrs = {}) {
    if (in_.record_trace) trace_budget_.add(Span{res, cat, name, a, b, std::move(attrs)});
  }
  void commit_pending_if_durable() {
    if (pending_ && pending_durable_at_ <= t_) {
      committed_ = pending_steps_;
      mark_committed_ = pending_mark_;
      pending_ = false;
    }
  }

  void train_until_event();
  bool checkpoint();  // false when a failure interrupted it
  void failure(Component c);
  void planned_stop(const std::string& cause, double until_s);
  void maybe_grow();
  // Puts a post-training phase on its hardware: moves the run there (checkpoint, reshard, relaunch,
  // reload) and waits for its chips; false when that fleet never holds one replica.
  bool place_post_phase(const PostTrainingPhase& ph, PhaseRun& pr, int& at_hw, long& at_chips);

  const RunInputs& in_;
  Rng rng_fail_, rng_strag_;
  ParamSampler nominal_;   // used when the caller passes no sampler: every input at its nominal value
  ParamSampler* params_;
  double detection_s_ = 0, restart_s_ = 0, spare_swap_s_ = 0, repair_s_ = 0, straggler_detect_s_ = 0;
  std::optional<double> fixed_interval_s_;
  double min_interval_s_ = 0;
  double rate_per_comp_h_[kComponentCount] = {};
  std::map<long, double> step_cache_;
  std::vector<double> repairs_;  // times at which failed hosts come back

  double t_ = 0, total_steps_ = 0;
  long job_ = 0, target_ = 0;
  double ckpt_every_steps_ = kInf;
  double progress_ = 0, last_ckpt_steps_ = 0, committed_ = 0;
  bool pending_ = false;
  double pending_steps_ = 0, pending_mark_ = 0, pending_durable_at_ = 0;
  double train_cum_s_ = 0, mark_committed_ = 0;  // training wall time, cumulative and at the commit
  double hazard_ = 0, shazard_ = 0, straggler_until_ = -1;
  std::size_t next_maint_ = 0;
  std::vector<MaintenanceWindow> maint_;  // absolute start times
  double chip_s_ = 0, downtime_s_ = 0, train_chip_s_ = 0;
  RunResult r_;
  RunTraceBudget trace_budget_{&r_.trace};  // bounded: merges spans past RunTraceBudget::kFullSpans
  RunResult finished() {  // run() is the object's last use: hand the result over without a copy
    trace_budget_.flush();
    return std::move(r_);
  }
};

void RunSim::train_until_event() {
  const double st = step_time(job_) * (straggler_until_ >= 0 ? in_.policy.failures.straggler_slowdown : 1.0);
  const double to_ckpt = last_ckpt_steps_ + ckpt_every_steps_ - progress_;
  const double to_end = total_steps_ - progress_;
  const double n = std::min(to_ckpt, to_end);
  const double dur = n * st;
  const double srate = in_.policy.failures.straggler_rate_per_chip_hour * job_ / 3600.0;
  const double t_fail = failure_within(kInf);
  const double t_strag = (straggler_until_ < 0 && srate > 0) ? shazard_ / srate : kInf;
  const double t_strag_end = straggler_until_ >= 0 ? straggler_until_ - t_ : kInf;
  const double t_maint = next_maint_ < maint_.size() ? std::max(0.0, maint_[next_maint_].start_s - t_) : kInf;
  const double t_ev = std::min({t_fail, t_strag, t_strag_end, t_maint});
  const double start = t_;
  if (dur <= t_ev) {
    consume_up(dur);
    progress_ += n;
    train_cum_s_ += dur;
    train_chip_s_ += dur * job_;
    span("job", "training", "training", start, t_, {{"chips", std::to_string(job_)}});
    if (progress_ >= total_steps_ - 1e-9) return;
    if (checkpoint()) maybe_grow();
    return;
  }
  consume_up(t_ev);
  progress_ += t_ev / st;
  train_cum_s_ += t_ev;
  train_chip_s_ += t_ev * job_;
  if (t_ev > 0) span("job", "training", "training", start, t_, {{"chips", std::to_string(job_)}});
  if (t_ev == t_fail) {
    failure(draw_class(job_));
  } else if (t_ev == t_strag) {
    straggler_until_ = t_ + straggler_detect_s_;
    span("job", "straggler", "slow chip", t_, t_, {{"slowdown", std::to_string(in_.policy.failures.straggler_slowdown)}});
  } else if (t_ev == t_strag_end) {
    straggler_until_ = -1;
    shazard_ = rng_strag_.exponential(1.0);
    planned_stop("straggler", t_);
  } else {
    const MaintenanceWindow w = maint_[next_maint_++];
    planned_stop("maintenance", w.start_s + w.duration_s);
  }
}

bool RunSim::checkpoint() {
  const auto& pol = in_.policy.checkpoint;
  const double start = t_;
  double block = checkpoint_blocking_s(in_, job_);
  if (pol.mode == CheckpointMode::Asynchronous && pending_ && pending_durable_at_ > t_)
    block += pending_durable_at_ - t_;  // the previous persist must finish before the next snapshot
  const double tf = failure_within(block);
  if (tf < kInf) {  // a failure during the write: the checkpoint is lost
    consume_up(tf);
    r_.checkpoint_overhead_s += tf;
    span("job", "checkpoint", "checkpoint (aborted)", start, t_);
    failure(draw_class(job_));
    return false;
  }
  consume_up(block);
  r_.checkpoint_overhead_s += block;
  ++r_.checkpoints_written;
  last_ckpt_steps_ = progress_;
  if (pol.mode == CheckpointMode::Synchronous) {
    committed_ = progress_;
    mark_committed_ = train_cum_s_;
    pending_ = false;
    span("job", "checkpoint", "checkpoint write", start, t_);
  } else {
    commit_pending_if_durable();
    pending_ = true;
    pending_steps_ = progress_;
    pending_mark_ = train_cum_s_;
    pending_durable_at_ = t_ + checkpoint_write_s(in_, job_);
    span("job", "checkpoint", "checkpoint snapshot", start, t_);
    span("storage", "checkpoint", "checkpoint persist", t_, pending_durable_at_);
  }
  return true;
}

void RunSim::failure(Component c) {
  const char* name = component_name(c);
  ++r_.interruptions_total;
  ++r_.interruptions_unexpected;
  ++r_.interruptions_by_cause[name];
  span("job", "failure", std::string(name) + " failure", t_, t_);
  commit_pending_if_durable();
  pending_ = false;
  const double lost = train_cum_s_ - mark_committed_;
  r_.lost_work_s += lost;
  r_.lost_work_chip_hours += lost * job_ / 3600.0;
  progress_ = committed_;
  last_ckpt_steps_ = committed_;
  mark_committed_ = train_cum_s_;
  hazard_ = rng_fail_.exponential(1.0);
  down(detection_s_, "restart", "detection");
  double restart = restart_s_;
  if (component_removes_host(c)) {
    // Hosts already back by now never count again (the pool is only asked about t >= now): drop
    // them, so that millions of failures do not make every pool query scan all past repairs.
    repairs_.erase(std::remove_if(repairs_.begin(), repairs_.end(), [&](double back) { return back <= t_; }),
                   repairs_.end());
    repairs_.push_back(t_ - detection_s_ + repair_s_);
    if (usable(pool(t_)) >= job_) {
      if (in_.policy.failures.spare_hosts > 0) restart = spare_swap_s_;
    } else if (in_.policy.failures.on_shortfall == ShortfallPolicy::ShrinkDataParallel &&
               usable(pool(t_)) >= in_.replica_chips) {
      set_job(usable(pool(t_)));
      span("job", "replan", "shrink", t_, t_, {{"chips", std::to_string(job_)}});
    } else {
      const long need = in_.policy.failures.on_shortfall == ShortfallPolicy::ShrinkDataParallel ? in_.replica_chips : job_;
      const double ready = when_pool_reaches(need, t_);
      if (!std::isfinite(ready)) {
        r_.never_finishes = true;
        r_.never_reason = "after a failure at t=" + std::to_string(t_) + " s the pool never again holds " +
                          std::to_string(need) + " usable chips";
        return;
      }
      down(ready - t_, "wait", "waiting for repair");
      if (job_ > usable(pool(t_))) set_job(usable(pool(t_)));
    }
  }
  down(restart, "restart", "restart");
  down(checkpoint_read_s(in_, job_), "restart", "checkpoint reload");
}

void RunSim::planned_stop(const std::string& cause, double until_s) {
  ++r_.interruptions_total;
  ++r_.interruptions_planned;
  ++r_.interruptions_by_cause[cause];
  // A planned stop first makes the latest state durable (blocking, no failure drawn during it).
  if (pending_ && pending_durable_at_ > t_) down(pending_durable_at_ - t_, "checkpoint", "await persist");
  commit_pending_if_durable();
  if (progress_ > committed_) {
    const double w = checkpoint_write_s(in_, job_);
    span("job", "checkpoint", "checkpoint before " + cause, t_, t_ + w);
    chip_s_ += w * job_;
    t_ += w;
    r_.checkpoint_overhead_s += w;
    ++r_.checkpoints_written;
    committed_ = last_ckpt_steps_ = progress_;
    mark_committed_ = train_cum_s_;
  }
  if (until_s > t_) down(until_s - t_, cause == "maintenance" ? "maintenance" : "wait", cause);
  down(restart_s_, "restart", "restart");
  down(checkpoint_read_s(in_, job_), "restart", "checkpoint reload");
}

void RunSim::maybe_grow() {
  const long want = std::min(target_, usable(pool(t_)));
  if (want <= job_) return;
  if (pending_ && pending_durable_at_ > t_) down(pending_durable_at_ - t_, "checkpoint", "await persist");
  commit_pending_if_durable();
  ++r_.interruptions_total;
  ++r_.interruptions_planned;
  ++r_.interruptions_by_cause["replan"];
  set_job(want);
  span("job", "replan", "grow", t_, t_, {{"chips", std::to_string(job_)}});
  down(restart_s_, "restart", "restart");
  down(checkpoint_read_s(in_, job_), "restart", "checkpoint reload");
}

bool RunSim::place_post_phase(const PostTrainingPhase& ph, PhaseRun& pr, int& at_hw, long& at_chips) {
  const PhaseFleet* to = pr.hardware == 0 ? nullptr : &in_.phase_fleets[pr.hardware - 1];
  if (pr.hardware == at_hw) {
    // Same hardware: the pretraining job (or the phase's own size), or the phase fleet's job now.
    if (!to) pr.chips = ph.chips > 0 ? ph.chips : job_;
    else pr.chips = place_phase(*to, in_.start_day + t_ / 86400.0, ph.chips).job_chips;
  } else {
    const PhaseFleet* from = at_hw == 0 ? nullptr : &in_.phase_fleets[at_hw - 1];
    const double now_day = in_.start_day + t_ / 86400.0;
    long chips = job_;
    if (to) {
      const PhasePlacement p = place_phase(*to, now_day, ph.chips);
      if (!std::isfinite(p.day)) {
        r_.never_finishes = true;
        r_.never_reason = "post-training phase \"" + ph.name + "\" never has one replica's chips on " + to->label;
        return false;
      }
      pr.wait_s = (p.day - now_day) * 86400.0;
      chips = p.job_chips;
    } else if (ph.chips > 0) {
      chips = ph.chips;
    }
    const StoragePath a{hosts_of(at_chips, from ? from->chips_per_host : in_.chips_per_host),
                        from ? &from->storage : &in_.policy.checkpoint};
    const StoragePath b{hosts_of(chips, to ? to->chips_per_host : in_.chips_per_host), to ? &to->storage : &in_.policy.checkpoint};
    const MoveCost m = hardware_move_cost(in_.checkpoint_bytes, a, b, restart_s_);
    pr.move_s = m.total_s();
    span("job", "checkpoint", "persist before moving", t_, t_ + m.persist_s);
    span("job", "replan", "reshard for " + (to ? to->label : std::string("the pretraining fleet")), t_ + m.persist_s,
         t_ + m.persist_s + m.reshard_s);
    // The wait for the new fleet's chips overlaps the persist and reshard (they need no new chips).
    const double ready = std::max(pr.wait_s, m.persist_s + m.reshard_s);
    if (pr.wait_s > m.persist_s + m.reshard_s) span("job", "wait", "waiting for chips", t_ + m.persist_s + m.reshard_s, t_ + ready);
    span("job", "restart", "relaunch", t_ + ready, t_ + ready + m.relaunch_s);
    span("job", "restart", "checkpoint reload", t_ + ready + m.relaunch_s, t_ + ready + m.relaunch_s + m.reload_s);
    const double dt = ready + m.relaunch_s + m.reload_s;
    r_.post_training_s += dt;
    t_ += dt;
    pr.chips = chips;
    at_hw = pr.hardware;
  }
  at_chips = pr.chips;
  pr.start_day = in_.start_day + t_ / 86400.0;
  return true;
}

RunResult RunSim::run() {
  const double steps = std::ceil(in_.tokens / in_.tokens_per_step - 1e-9);
  total_steps_ = steps;
  // Start: when enough chips are in the pool for the growth policy.
  const long plan = usable(in_.chips_planned);
  const long need = in_.policy.growth == GrowthPolicy::WaitForFullFleet ? plan : in_.replica_chips;
  const double start = plan > 0 ? when_pool_reaches(need, 0.0) : kInf;
  if (!std::isfinite(start)) {
    r_.never_finishes = true;
    r_.never_reason = plan <= 0 ? "the plan is smaller than one data-parallel replica"
                                : "the arrival schedule never provides " + std::to_string(need) + " usable chips";
    return finished();
  }
  if (start > 0) span("job", "wait", "waiting for chips", 0, start);
  t_ = start;
  r_.wait_for_chips_s = start;
  target_ = plan;
  set_job(std::min(plan, usable(pool(t_))));
  if (in_.policy.growth == GrowthPolicy::Fixed) target_ = job_;
  r_.initial_chips = job_;
  const IntervalChoice choice = interval_choice(job_);
  r_.checkpoint_interval_s = choice.interval_s;
  r_.checkpoint_interval_rule = choice.rule;
  r_.checkpoint_daly_interval_s = choice.daly_s;
  r_.checkpoint_blocking_s = checkpoint_blocking_s(in_, job_);
  r_.checkpoint_persist_s = checkpoint_write_s(in_, job_);
  for (auto w : in_.policy.maintenance) { w.start_s += start; maint_.push_back(w); }
  std::sort(maint_.begin(), maint_.end(), [](auto& a, auto& b) { return a.start_s < b.start_s; });
  hazard_ = rng_fail_.exponential(1.0);
  shazard_ = rng_strag_.exponential(1.0);

  while (progress_ < total_steps_ - 1e-9 && !r_.never_finishes) {
    while (next_maint_ < maint_.size() && maint_[next_maint_].start_s + maint_[next_maint_].duration_s <= t_)
      ++next_maint_;  // windows that passed entirely during downtime
    if (t_ - start > kMaxWall_s) {
      r_.never_finishes = true;
      r_.never_reason = "no completion within 100 years of simulated time (failures outpace checkpoints)";
      break;
    }
    train_until_event();
  }
  if (r_.never_finishes) return finished();

  r_.pretraining_s = t_ - start;
  r_.productive_s = train_cum_s_ - r_.lost_work_s;
  r_.effective_training_ratio = r_.pretraining_s > 0 ? r_.productive_s / r_.pretraining_s : 1.0;
  r_.downtime_s = downtime_s_;
  r_.chip_hours = chip_s_ / 3600.0;
  r_.chip_hours_per_trillion_tokens = r_.chip_hours / (in_.tokens / 1e12);
  r_.final_chips = job_;
  // Goodput: chip-seconds of kept steps over allocated chip-seconds (equals the effective training
  // ratio when the job size never changes).
  r_.goodput = chip_s_ > 0 ? (train_chip_s_ - r_.lost_work_chip_hours * 3600.0) / chip_s_ : 1.0;
  if (in_.record_trace) span("phase pretraining", "phase", "pretraining", start, t_);

  // Post-training: kind = "sft" / "rl" phases are work run through this same failure and checkpoint
  // model (post_training_run.hpp); the token-equivalent and chip-hour forms keep their productive
  // time from the step level stretched by the pretraining's effective training ratio. Then the
  // checkpoint-iteration rounds.
  const double ratio = r_.effective_training_ratio > 0 ? r_.effective_training_ratio : 1.0;
  int at_hw = 0;  // the hardware the run is on: 0 = the pretraining job's
  long at_chips = job_;
  for (std::size_t i = 0; i < in_.policy.post_training.size(); ++i) {
    const auto& ph = in_.policy.post_training[i];
    PhaseRun pr;
    pr.name = ph.name;
    pr.hardware = i < in_.post_hardware.size() ? in_.post_hardware[i] : 0;
    if (!place_post_phase(ph, pr, at_hw, at_chips)) return finished();
    const long chips = pr.chips;
    const PhaseFleet* fleet = pr.hardware == 0 ? nullptr : &in_.phase_fleets[pr.hardware - 1];
    PostTrainingRun w = run_post_training_phase(in_, ph, chips, i, fleet, ratio);
    if (w.never_finishes) {
      r_.never_finishes = true;
      r_.never_reason = w.never_reason;
      return finished();
    }
    PostTrainingOutcome o = std::move(w.outcome);
    span("phase " + ph.name, "post-training", ph.name, t_, t_ + o.wall_s, {{"chips", std::to_string(chips)}, {"kind", o.kind}});
    r_.post_training_s += o.wall_s;
    t_ += o.wall_s;
    pr.wall_s = o.wall_s;
    r_.post_phases.push_back(pr);
    r_.post_training.push_back(std::move(o));
  }
  const auto& it = in_.policy.iteration;
  for (long k = 1; k <= it.rounds; ++k) {
    const double a = t_;
    const double tr = params_->value(it.train_s), ev = params_->value(it.evaluate_s), de = params_->value(it.deploy_s);
    span("iteration", "post-training", "round " + std::to_string(k) + " train", a, a + tr);
    span("iteration", "post-training", "round " + std::to_string(k) + " evaluate", a + tr, a + tr + ev);
    span("iteration", "post-training", "round " + std::to_string(k) + " deploy", a + tr + ev, a + tr + ev + de);
    t_ += tr + ev + de;
    r_.post_training_s += tr + ev + de;
    r_.releases.push_back({k, in_.start_day + t_ / 86400.0});
    span("iteration", "milestone", "release " + std::to_string(k), t_, t_);
  }
  r_.duration_s = t_;
  r_.duration_days = t_ / 86400.0;
  r_.end_day = in_.start_day + r_.duration_days;
  return finished();
}

}  // namespace

RunResult simulate_run(const RunInputs& in) {
  if (!in.step_time_s) throw std::invalid_argument("simulate_run: step_time_s is required");
  if (!(in.tokens > 0) || !(in.tokens_per_step > 0))
    throw std::invalid_argument("simulate_run: tokens and tokens_per_step must be positive");
  if (in.replica_chips < 1 || in.chips_per_host < 1)
    throw std::invalid_argument("simulate_run: replica_chips and chips_per_host must be >= 1");
  RunSim sim(in);
  return sim.run();
}

}  // namespace ascendsim
