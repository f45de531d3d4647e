// Post-training phases on other hardware than pretraining: the fleet a phase runs on (its own
// platform's step time and storage path, the arrivals of the pools it may use) and the cost of
// moving the run there at a checkpoint. Pure code, closed form; the run loop (run_simulation.cpp)
// calls it between phases.
#pragma once
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "sim/run/run_policy.hpp"

namespace ascendsim {

struct Arrival;
using StepTimeFn = std::function<double(long chips)>;

// One fleet a phase can run on (a platform and the pools it draws chips from).
struct PhaseFleet {
  std::string label;                     // "ascend-910c on cloudmatrix384 (pools: rented)"
  StepTimeFn step_time_s;                // seconds per step on a job of N chips of this platform
  std::function<long(long chips)> job_chips;  // the job size the plan takes on N chips (0: none)
  std::vector<std::pair<double, long>> arrivals;  // (day since 1970, usable chips added), by day
  long chips_per_host = 8;
  CheckpointPolicy storage;              // this platform's storage path (bandwidths)
};

// Usable chips of the fleet by the end of `day` (days since 1970).
long phase_fleet_chips(const PhaseFleet& f, double day);
// The earliest day >= `day` on which a job of the plan fits on the fleet (+inf: never), and its size.
struct PhasePlacement {
  double day = std::numeric_limits<double>::infinity();
  long job_chips = 0;
};
PhasePlacement place_phase(const PhaseFleet& f, double day, long wanted_chips);

// Moving a run from one fleet to another at a checkpoint. The last state is persisted by the old
// job (its write path); a reshard pass reads it back from the old storage and writes it in the new
// job's layout to the new storage (read at the old fleet's read path, limited by the new nodes'
// per-node read; write at the new fleet's write path); the job is re-planned and relaunched on the
// new fleet (the policy's restart time); and the new job reloads the resharded state (its read path).
struct StoragePath {
  long nodes = 1;
  const CheckpointPolicy* storage = nullptr;
};
struct MoveCost {
  double persist_s = 0, reshard_s = 0, relaunch_s = 0, reload_s = 0;
  double total_s() const { return persist_s + reshard_s + relaunch_s + reload_s; }
};
MoveCost hardware_move_cost(double checkpoint_bytes, const StoragePath& from, const StoragePath& to, double relaunch_s);

// Hosts of a job of `chips` chips at `chips_per_host` (at least one).
long hosts_of(long chips, long chips_per_host);

}  // namespace ascendsim
