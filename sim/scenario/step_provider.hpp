// Step times for the job sizes a scenario's run visits. The run level asks for the step time of
// a job of N chips; this fits the scenario's plan to N chips (largest legal data-parallel degree),
// sizes the platform to it, and asks the step level, memoizing per size. The lock is held only to
// find or create a size's entry: the first thread to ask for a size simulates it (a SimGrid child)
// while threads asking for other sizes simulate theirs in parallel, and threads asking for the same
// size wait for its result (or its error). The step level caches results on disk, so repeated runs
// reuse them.
#pragma once
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine/step_executor.hpp"
#include "sim/scenario/rollout_models.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/util/progress.hpp"

namespace ascendsim {

class StepProvider {
 public:
  // The pretraining's steps (the scenario's plan on its platform, capped by workload.max_chips),
  // with one provider per post-training phase hardware (phase()).
  StepProvider(const Scenario& scenario, bool use_cache);
  // Steps of another plan on another platform (a post-training phase's hardware), no job cap.
  StepProvider(const Scenario& scenario, const TrainingPlan& plan, const PlatformSpec& platform, bool use_cache);
  // The provider of scenario.phase_hardware[id - 1] (id >= 1).
  StepProvider& phase(int id) { return *phases_.at(static_cast<std::size_t>(id - 1)); }
  // The job size the plan takes on `chips` chips (0 when not even one replica fits).
  long job_chips(long chips) const;
  long max_job_chips() const { return max_job_chips_; }  // the largest legal job under max_chips
  long replica_chips() const { return replica_chips_; }  // job sizes grow in these steps
  // The step on a job fitted to `chips`; throws InputError when no replica fits.
  const StepResult& step_for(long chips);
  long simulations() const;  // step-level calls that were not memoized
  // Of those calls, how many were read back from the disk cache (provenance: cache facts).
  long from_cache();
  // The serving models of the scenario's RL rollouts (built on first use).
  RolloutModels& rollouts() { return rollouts_; }

 private:
  void init();
  const Scenario& s_;
  const TrainingPlan& plan_;
  const PlatformSpec& platform_;
  std::optional<long> max_chips_cap_;
  bool use_cache_;
  std::vector<std::unique_ptr<StepProvider>> phases_;
  long max_job_chips_ = 0;
  long replica_chips_ = 1;
  mutable std::mutex mu_;
  // By job size; a future so that one thread simulates a size and the others wait for it.
  std::map<long, std::shared_future<std::shared_ptr<const StepResult>>> memo_;
  long simulations_ = 0;
  long from_cache_ = 0;
  std::unique_ptr<Progress> progress_;
  RolloutModels rollouts_;  // "step simulations", from the first one on
};

}  // namespace ascendsim
