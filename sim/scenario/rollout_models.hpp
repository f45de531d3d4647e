// Serving models for a scenario's RL rollouts (glue): for each deployment an RL phase names, the
// pure serving model (sim/serving/serving_cost) of the scenario's model on its chip, with the EP
// all-to-all fitted on the scenario's platform sized to the deployment (one SimGrid run per
// deployment, memoized; thread-safe for Monte Carlo draws). Supplies RunInputs::rollout.
#pragma once
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "sim/run/run_model.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/serving/serving_cost.hpp"

namespace ascendsim {

class RolloutModels {
 public:
  explicit RolloutModels(const Scenario& s) : s_(s) {}
  const ServingModel& model_for(const std::string& deployment_file);
  // rl_rollout on the phase's deployment; std::invalid_argument from rl_rollout becomes an
  // InputError at the phase (a job smaller than one decode instance).
  RolloutFn rollout_fn();

 private:
  const Scenario& s_;
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<const ServingModel>> models_;
};

}  // namespace ascendsim
