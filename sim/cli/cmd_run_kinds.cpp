// Registers the run level's input-file kind with `ascendsim validate`: kind = "failures"
// (per-component failure rates, sim/run/failure_rates.hpp).
#include "sim/cli/command.hpp"
#include "sim/run/failure_rates.hpp"

namespace ascendsim::cli {

static KindRegistrar failures_kind{{"failures", [](const std::string& path) { load_failure_rates(path); }}};

}  // namespace ascendsim::cli
