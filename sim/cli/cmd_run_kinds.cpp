// Registers the run level's input-file kinds with `ascendsim validate`: kind = "failures"
// (per-component failure rates, sim/run/failure_rates.hpp) and kind = "model-error" (the step-time
// error fitted from the validation suite, sim/scenario/model_error.hpp).
#include "sim/cli/command.hpp"
#include "sim/run/failure_rates.hpp"
#include "sim/scenario/model_error.hpp"

namespace ascendsim::cli {

static KindRegistrar failures_kind{{"failures", [](const std::string& path) { load_failure_rates(path); }}};
static KindRegistrar model_error_kind{{"model-error", [](const std::string& path) { (void)load_model_error(path); }}};

}  // namespace ascendsim::cli
