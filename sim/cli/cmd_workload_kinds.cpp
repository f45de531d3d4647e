// Validators for the workload kinds, so `ascendsim validate` checks model and training files:
// a training file is loaded with its model and its plan is checked (degrees, layers, heads, batch).
#include "sim/cli/command.hpp"
#include "sim/workload/model_shape.hpp"
#include "sim/workload/training_plan.hpp"

namespace ascendsim::cli {

static KindRegistrar model_kind{{"model", [](const std::string& path) { load_model(path); }}};
static KindRegistrar training_kind{{"training", [](const std::string& path) { load_training(path); }}};

}  // namespace ascendsim::cli
