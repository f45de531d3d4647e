// The step's communication times on the subset platform (the nodes its patterns use, as
// simulate_step loads it) against the same patterns on the whole generated platform: the accuracy
// check issue 17 asks for at 32k chips, too slow for ctest (the whole file costs SimGrid 3.32
// zones x hosts to load), so `ascendsim bench` runs it and records the difference.
#pragma once
#include "sim/platform/chip_catalogue.hpp"
#include "sim/platform/topology_spec.hpp"
#include "sim/workload/training_plan.hpp"

namespace ascendsim {

struct SubsetCheck {
  double max_rel_diff = 0;   // over every per-stage TP / EP / DP time and the PP hop
  double whole_s = 0;        // wall seconds of the run on the whole platform
  double subset_s = 0;       // and on the subset
  long subset_chips = 0;     // chips the patterns use
  double pp_hop_s = 0;       // the simulated PP hop on the subset, for the note
};

SubsetCheck compare_subset_with_whole(const TrainingPlan& plan, const PlatformSpec& spec, const ChipCatalogue& catalogue);

}  // namespace ascendsim
