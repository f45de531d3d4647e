// A scenario (timelines/*.toml, kind = "scenario") names every input of one what-if question: the
// platform (a topology spec and the chip catalogue), the workload (a training file: model, tokens,
// batch, precision, parallel plan), the fleet (a supply model, or a fixed chip count or arrival
// schedule), the run policy (checkpoints, failures, growth, post-training), the calendar (phases,
// observed milestones, blackout windows) and the uncertainty settings. Paths are relative to the
// scenario file. `--set` overrides reach the scenario itself and, by prefix, the files it names:
// catalogue.*, spec.*, training.*, model.*, supply.*, failures.*, and calendar.* when the calendar
// comes from a shared timeline file (calendar_file = "...") instead of a [calendar] table.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/platform/chip_catalogue.hpp"
#include "sim/platform/topology_spec.hpp"
#include "sim/run/failure_rates.hpp"
#include "sim/run/run_policy.hpp"
#include "sim/supply/supply_file.hpp"
#include "sim/timeline/timeline_graph.hpp"
#include "sim/workload/training_plan.hpp"

namespace ascendsim {

struct FixedArrival {
  long day = 0;
  long chips = 0;
};

// The hardware a post-training phase runs on when it is not the pretraining job's: a platform
// (its spec, or the pretraining platform), the fleet pools it may use, and the plan on that
// platform (the training file with the phase's training_set; e.g. BF16 on a chip without FP8).
struct PhaseHardware {
  std::string spec_file;           // resolved
  PlatformSpec platform;
  std::vector<std::string> pools;  // empty: every pool
  TrainingPlan plan;
  CheckpointPolicy storage;        // the run policy's checkpoint path on this platform's storage
  std::string label;               // "Ascend 910C on cloudmatrix384 (pools: huawei-cloud)"
};

// A datacenter site of the organisation's own pools, with the power it can give them.
struct PowerSite {
  std::string name;
  std::vector<std::string> pools;  // owned pools housed there (not rented ones: the cloud powers those)
  Param power_MW{0.0};             // IT power for chips and their hosts
};

struct InverseQuestion {
  std::string name;      // "smallest-org-share"
  std::string input;     // key path of an uncertain or fixed input the scenario reads
  double fits_at = 0;    // a value at which the scenario is expected to fit
  double fails_at = 0;   // ... and one at which it is expected not to
  double tolerance = 0;
  Dimension dim = Dimension::Count;
};

struct Scenario {
  std::string file;
  std::string name;
  std::string title;
  std::uint64_t seed = 1;

  // Platform.
  std::string catalogue_file, spec_file;
  ChipCatalogue catalogue;
  PlatformSpec platform;  // as written (its supernode count is resized to the job)

  // Workload.
  std::string training_file;
  TrainingPlan base_plan;
  std::optional<long> max_chips;   // cap on the job size; absent: the largest legal plan

  // Fleet: a supply model, or a fixed fleet.
  bool supply_driven = false;
  std::string supply_file, supply_scenario;
  SupplyFile supply;
  std::vector<FixedArrival> fixed_arrivals;  // fixed fleet: dated deliveries (a chip count = one at day 0)
  // More fleet pools, in the scenario file: chips the organisation already owns
  // ([[fleet.installed]]) and capacity it rents from a cloud ([[fleet.rented]]).
  std::vector<InstalledChips> installed;
  std::vector<RentedPool> rented;
  std::vector<PowerSite> sites;  // [[fleet.sites]]: power caps on owned pools
  std::vector<std::string> pretraining_pools;  // [workload] pools: the pools pretraining may use (empty: all)
  // Hardware of the post-training phases: post_hardware[i] is run.post_training[i]'s, 0 for the
  // pretraining job's, k for phase_hardware[k - 1].
  std::vector<PhaseHardware> phase_hardware;
  std::vector<int> post_hardware;

  // Run level.
  RunPolicy run;
  FailureRates rates;  // all zero when the policy names no rates file

  // Calendar.
  TimelineGraph calendar;
  std::string pretraining_phase = "pretraining";
  std::string post_training_phase = "post-training";

  // The simulator's own step-time error (sim/scenario/model_error.hpp): [model_error] file = ...
  // fits it from the validation suite's residuals; [model_error] step_time = ... sets it directly.
  std::optional<Param> step_time_error;
  // ... and its serving-time error (RL rollouts): from the file's [serving_time], or
  // [model_error] serving_time = ... directly; absent: 1.
  std::optional<Param> serving_time_error;
  std::string model_error_file;

  // Uncertainty.
  long draws = 0;
  unsigned threads = 1;
  bool sensitivity = false;
  std::vector<InverseQuestion> inverse;
};

// Checkpoints travel the platform's storage path: per-node storage/VPC bandwidth and the storage
// system's aggregate, unless the run policy set them itself (keys listed in `set_by_user`).
void use_platform_storage(RunPolicy& policy, const PlatformSpec& spec, const std::vector<std::string>& set_by_user);
// The storage keys a [checkpoint] table of this run-policy section sets.
std::vector<std::string> storage_keys_in(const Section& policy);

// Loads a scenario and every file it names. Throws one InputError listing every problem, located;
// among them a phase whose platform's chip its pools cannot supply (no line of the supply scenario
// makes it, none is installed or rented in the pools the phase may use): at fleet.scenario for a
// supply-driven pretraining on every pool, else at workload.pools or the post-training phase.
Scenario load_scenario(const std::string& path, std::vector<Override>* overrides = nullptr);

// Consistency checks of a loaded scenario that are not errors of one file, for `validate`
// (warnings, one sentence each, naming the file and key): the platform's chip missing from the
// supply's fleet.supernode_chips (the platform's supernode size is used), and a fixed fleet or
// workload.max_chips larger than a platform spec that describes a whole cluster (supernodes > 1;
// the simulated platform is then grown beyond it).
std::vector<std::string> scenario_checks(const Scenario& s);

}  // namespace ascendsim
