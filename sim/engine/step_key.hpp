// The text that identifies one step simulation for the disk cache: every plan field, the model
// file's bytes, the chip's rates, the efficiency factors and every platform-spec field. Two steps
// with the same key give the same result (the cache also hashes the executable itself).
#pragma once
#include <string>

#include "sim/platform/chip_catalogue.hpp"
#include "sim/platform/topology_spec.hpp"
#include "sim/workload/training_plan.hpp"

namespace ascendsim {

std::string step_cache_key(const TrainingPlan& plan, const Chip& chip, const ChipCatalogue& catalogue,
                           const PlatformSpec& platform);

}  // namespace ascendsim
