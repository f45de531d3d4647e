#include "sim/scenario/step_provider.hpp"

#include <numeric>

namespace ascendsim {

StepProvider::StepProvider(const Scenario& scenario, bool use_cache)
    : s_(scenario), plan_(scenario.base_plan), platform_(scenario.platform), max_chips_cap_(scenario.max_chips),
      use_cache_(use_cache), rollouts_(scenario) {
  init();
  for (const PhaseHardware& hw : s_.phase_hardware)
    phases_.push_back(std::make_unique<StepProvider>(s_, hw.plan, hw.platform, use_cache));
}

StepProvider::StepProvider(const Scenario& scenario, const TrainingPlan& plan, const PlatformSpec& platform, bool use_cache)
    : s_(scenario), plan_(plan), platform_(platform), use_cache_(use_cache), rollouts_(scenario) {
  init();
}

void StepProvider::init() {
  const TrainingPlan& p = plan_;
  // Data-parallel width must keep expert groups whole: ep divides dp * tp.
  const long dp_step = p.ep / std::gcd(p.ep, p.tp);
  replica_chips_ = p.tp * p.pp * std::max(1L, dp_step);
  max_job_chips_ = job_chips(max_chips_cap_ ? *max_chips_cap_ : (1L << 40));
}

long StepProvider::job_chips(long chips) const {
  std::string why;
  const auto plan = fit_plan_to_chips(plan_, chips, &why);
  return plan ? plan->chips : 0;
}

const StepResult& StepProvider::step_for(long chips) {
  std::string why;
  const auto plan = fit_plan_to_chips(plan_, chips, &why);
  if (!plan)
    throw InputError(plan_.at("parallel.dp"), "parallel", "no job of this plan fits on " + std::to_string(chips) +
                                                              " chips: " + why);
  std::promise<std::shared_ptr<const StepResult>> mine;
  std::shared_future<std::shared_ptr<const StepResult>> result;
  bool owner = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = memo_.find(plan->chips);
    if (it != memo_.end()) {
      result = it->second;
    } else {
      owner = true;
      result = mine.get_future().share();
      memo_.emplace(plan->chips, result);
      if (!progress_) progress_ = std::make_unique<Progress>("step simulations", 0);
      progress_->detail("job of " + std::to_string(plan->chips) + " chips");
    }
  }
  if (owner) {
    // Simulated without the lock: other sizes proceed in parallel, this size's askers wait on the
    // future. An error reaches every thread that asked for this size.
    try {
      StepRequest req;
      req.plan = *plan;
      req.catalogue = &s_.catalogue;
      req.platform = platform_for_chips(platform_, plan->chips);
      req.use_cache = use_cache_;
      auto r = std::make_shared<const StepResult>(simulate_step(req));
      {
        std::lock_guard<std::mutex> lock(mu_);
        ++simulations_;
        from_cache_ += r->from_cache;
      }
      progress_->advance();
      mine.set_value(std::move(r));
    } catch (...) {
      mine.set_exception(std::current_exception());
    }
  }
  return *result.get();
}

long StepProvider::simulations() const {
  long n = 0;
  for (const auto& p : phases_) n += p->simulations();
  std::lock_guard<std::mutex> lock(mu_);
  return simulations_ + n;
}

long StepProvider::from_cache() {
  long n = 0;
  for (const auto& p : phases_) n += p->from_cache();
  std::lock_guard<std::mutex> lock(mu_);
  return from_cache_ + n;
}

}  // namespace ascendsim
