// Level 2: a whole pretraining run of N tokens on a fleet, advanced analytically from event to
// event (failures, checkpoints, stragglers, maintenance, chip arrivals), then post-training phases
// and a checkpoint-iteration loop. Pure code: the step time comes from the step level as a function.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/run/failure_rates.hpp"
#include "sim/run/phase_fleet.hpp"
#include "sim/config/param_sampler.hpp"
#include "sim/run/run_policy.hpp"
#include "sim/trace/span.hpp"

namespace ascendsim {

// Seconds per training step on a job of `chips` chips (from the step level's cache).
using StepTimeFn = std::function<double(long chips)>;
// One RL rollout of `phase` on a job of `chips` chips (post_training_work.hpp rl_rollout, on the
// serving model the scenario builds for the phase's deployment). Needed only by kind = "rl" phases.
using RolloutFn = std::function<RolloutTime(const PostTrainingPhase& phase, long chips)>;

struct Arrival {
  double day = 0;   // days since 1970-01-01 (fractional allowed)
  long chips = 0;   // chips delivered that day (added to the pool)
};

struct RunInputs {
  double tokens = 0;            // pretraining tokens
  double tokens_per_step = 0;   // global batch in tokens
  StepTimeFn step_time_s;       // required
  RolloutFn rollout;            // required when a post-training phase has kind = "rl"
  long chips_planned = 0;       // the full plan's size
  long replica_chips = 1;       // chips per data-parallel replica (TP x PP x EP): job sizes are multiples
  long chips_per_host = 8;
  std::vector<Arrival> arrivals;  // empty: chips_planned available at start
  double start_day = 0;           // days since 1970 of the run's start (arrivals are dated)
  double checkpoint_bytes = 0;    // weights + optimizer states, from the workload/plan
  FailureRates rates;             // all zero: no failures
  RunPolicy policy;
  std::uint64_t seed = 0;
  bool record_trace = true;       // false for Monte Carlo draws (speed)
  // Resolves the policy's and rates' uncertain inputs: nominal values when null (the deterministic
  // run), a Monte Carlo draw's values, or a sensitivity swing. The seed drives only the event
  // stream (failure times, classes, stragglers).
  ParamSampler* params = nullptr;
  // Post-training phases on other hardware: phase_fleets[k] is hardware k + 1, post_hardware[i]
  // the hardware of policy.post_training[i] (0, or absent: the pretraining job's). Between phases
  // on different hardware the run moves at a checkpoint (hardware_move_cost).
  std::vector<PhaseFleet> phase_fleets;
  std::vector<int> post_hardware;
};

// One post-training phase as the run placed it.
struct PhaseRun {
  std::string name;
  int hardware = 0;        // 0: the pretraining job's
  long chips = 0;
  double start_day = 0;    // when the phase's work starts (after any move and wait)
  double move_s = 0;       // moving from the previous phase's hardware (0: same hardware)
  double wait_s = 0;       // waiting for the new fleet's chips
  double wall_s = 0;       // the phase's work
};

struct Release {
  long round = 0;
  double day = 0;  // days since 1970
};

// One post-training phase as simulated (all kinds; for sft/rl the run level's own failure and
// checkpoint model ran over its units, the other kinds are stretched by the pretraining's ratio).
struct PostTrainingOutcome {
  std::string name, stage, kind;
  long chips = 0;
  long step_job_chips = 0;       // the job size whose step-level step was used (sft/rl)
  double units = 0;              // SFT steps or RL policy updates (0 for the stretched kinds)
  double unit_s = 0;             // one unit: SFT step, or RL update + its share of a rollout
  double productive_s = 0;       // failure-free work time
  double wall_s = 0;             // with failures, restarts, checkpoints (or the stretch)
  double chip_hours = 0;         // chips x wall
  long interruptions = 0;
  long checkpoints_written = 0;
  double rollout_s = 0, update_s = 0;  // RL: one rollout and one policy update
  RolloutTime rollout;                 // RL: the rollout's parts
};

struct RunResult {
  bool never_finishes = false;
  std::string never_reason;
  // Pretraining.
  double wait_for_chips_s = 0;      // from start_day until training starts
  double pretraining_s = 0;         // training start -> last step
  double productive_s = 0;          // time of steps that were kept
  double effective_training_ratio = 0;  // productive_s / pretraining_s
  long interruptions_total = 0;
  long interruptions_unexpected = 0;
  long interruptions_planned = 0;
  std::map<std::string, long> interruptions_by_cause;  // component names, "maintenance", "straggler"
  double lost_work_s = 0;           // wall time of discarded progress
  double lost_work_chip_hours = 0;
  double checkpoint_overhead_s = 0; // blocking checkpoint time
  long checkpoints_written = 0;
  double checkpoint_interval_s = 0; // interval used (the policy's rule or fixed) at the initial size
  std::string checkpoint_interval_rule;  // "fixed", "daly", "min_interval", "storage", "no failures"
  double checkpoint_daly_interval_s = 0; // Daly's optimum for the blocking cost (0 when fixed)
  double checkpoint_blocking_s = 0;  // job time per checkpoint at the initial size (sync write / async snapshot)
  double checkpoint_persist_s = 0;   // storage time per checkpoint (write to storage), both modes
  double downtime_s = 0;            // detection + restart + reload + waiting for chips/repairs
  double chip_hours = 0;            // allocated job chips x wall time, pretraining
  double chip_hours_per_trillion_tokens = 0;
  double goodput = 0;               // productive chip-seconds / allocated chip-seconds
  long initial_chips = 0;           // job size when training starts (after any wait for chips)
  long final_chips = 0;
  // Whole run (pretraining + post-training + iteration loop).
  double post_training_s = 0;
  double duration_s = 0;            // start_day -> last release (or end of pretraining)
  double duration_days = 0;
  double end_day = 0;               // start_day + duration_days
  std::vector<Release> releases;
  std::vector<PostTrainingOutcome> post_training;
  std::vector<PhaseRun> post_phases;  // in policy order
  Trace trace;
};

// Simulates one seeded draw. Throws std::invalid_argument on inputs no file can produce (missing
// step-time function, non-positive tokens); impossible plans give never_finishes, never a hang.
RunResult simulate_run(const RunInputs& in);

// Wall time of one blocking checkpoint write (sync) or snapshot (async) on `chips` chips.
double checkpoint_blocking_s(const RunInputs& in, long chips);
double checkpoint_write_s(const RunInputs& in, long chips);   // persist to storage
double checkpoint_read_s(const RunInputs& in, long chips);    // reload after a restart

}  // namespace ascendsim
