// The simulator's own error as an uncertain input. A model-error file (kind = "model-error")
// points at the training validation suite: golden files of reference timelines pin what the
// simulator produces for each published run ([[field]] expected) beside the measurement
// ([[published]] value). The residual of each predicted case (the fitted one is left out) is the
// factor the true step time is of the simulated one:
//   MFU or tokens/s:  f = simulated / published   (throughput is inverse to step time)
//   step time, chip-hours per trillion tokens:  f = published / simulated
// The factors are fitted by a lognormal (median exp(mean ln f), sigma = sample sd of ln f), the
// distribution of `model_error.step_time`; its nominal is 1 (the deterministic run is the model
// itself). Monte Carlo draws, sweeps and inference multiply every step time of the run level by it.
//
//   kind = "model-error"
//   [step_time]
//   goldens = "reference"                          # directory of *.expected.toml, relative to this file
//   fitted = ["llama3-405b-h100.expected.toml"]    # the calibration point, not a prediction
//   [serving_time]                                 # optional
//   cases = "serving"                              # directory of serving-case files (docs/serving.md)
//
// [serving_time] fits `model_error.serving_time` the same way from the serving validation suite:
// each case under the 10% rule (rule = "10%"; the fitted point and the cases reported outside the
// rule are left out) gives f = published / expected for a time per token (tpot_s.*) and
// f = expected / published for a rate (*tokens_per_s*). An RL phase's rollout time (the serving
// model's decode and prefill) is multiplied by it; nominal 1.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "sim/config/param.hpp"

namespace ascendsim {

struct ModelResidual {
  std::string golden;   // file name
  std::string field;    // the published path compared
  double simulated = 0, published = 0;
  double factor = 1;    // true step time / simulated step time
};

struct ModelError {
  std::string path;
  std::vector<ModelResidual> residuals;
  double median = 1, sigma = 0;  // of the lognormal fitted to the factors
  Param step_time;               // key path model_error.step_time, nominal 1
  // From [serving_time], when the file has it: residuals of the serving suite's predicted cases
  // (golden = the case file, field = its key), their lognormal, and model_error.serving_time.
  std::vector<ModelResidual> serving_residuals;
  double serving_median = 1, serving_sigma = 0;
  std::optional<Param> serving_time;
};

// Throws InputError, located; fewer than 3 predicted cases is an error (no spread to fit).
ModelError load_model_error(const std::string& path);

}  // namespace ascendsim
