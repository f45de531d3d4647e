// The JSON form of a run-level result, shared by `ascendsim train --json` and the scenario report:
// duration_days, effective_training_ratio, interruptions (total, unexpected, planned, by_cause),
// chip_hours, chip_hours_per_trillion_tokens, lost work, checkpoint overhead, goodput, releases.
#pragma once
#include <nlohmann/json.hpp>

#include "sim/run/run_model.hpp"

namespace ascendsim {

nlohmann::json run_result_json(const RunResult& r);

}  // namespace ascendsim
