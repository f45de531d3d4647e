// `ascendsim infer`: draws from a scenario's priors (or from several alternative scenarios, each
// with a prior weight: hardware, fleet and supply choices), evaluates every draw through all four
// levels, weights it by the evidence likelihood and summarizes the posterior. The draws are seeded
// per index (Rng(seed).fork(k)), so the result does not depend on the thread count.
//
// An alternatives file:
//   kind = "alternatives"
//   name = "v4-hardware"
//   seed = 20260424
//   [[alternative]]
//   name = "ascend-950pr"
//   scenario = "v4-ascend-thesis.toml"   # relative to this file
//   weight = 0.4                          # prior probability (normalised over the alternatives)
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/infer/evidence.hpp"
#include "sim/infer/posterior.hpp"

namespace ascendsim {

struct Alternative {
  std::string name, scenario_path;
  double weight = 1;
};

struct PriorSet {
  std::string path, name;
  std::uint64_t seed = 1;
  std::vector<Alternative> alternatives;
};

// A scenario file is one alternative (weight 1, named after the scenario); an alternatives file
// lists several. Throws InputError, located.
PriorSet load_prior_set(const std::string& path);

struct InferOptions {
  long draws = 1000;
  unsigned threads = 1;
  bool use_cache = true;
  std::optional<std::uint64_t> seed;  // default: the prior set's
};

struct InferResult {
  std::uint64_t seed = 0;
  std::vector<WeightedDraw> draws;  // in draw order
  InferenceSummary summary;
  std::vector<std::pair<std::string, double>> observed_days;  // milestone -> observed day (existed_by)
  std::vector<double> observation_prior_rate;                 // per observation: share of draws with L > 0
  long steps_simulated = 0, steps_from_cache = 0;             // step-level calls (provenance)
};

InferResult run_inference(const PriorSet& priors, const Evidence& evidence, const InferOptions& options);

}  // namespace ascendsim
