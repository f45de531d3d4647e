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
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/infer/evidence.hpp"
#include "sim/infer/posterior.hpp"

namespace ascendsim {

struct ShardSpec;  // sim/sweep/sweep_spec.hpp

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

// The draws of a run, or of one shard of it, before they are weighted: what a part file holds.
struct InferDraws {
  std::uint64_t seed = 0;
  long total_draws = 0;                    // of the whole run (all shards)
  std::vector<std::uint64_t> index;        // draw indices, increasing
  std::vector<DrawOutputs> outputs;        // one per index
  std::map<std::string, Dimension> input_dims;  // "inputs.KEY" -> dimension
  std::vector<std::string> milestones;     // "milestones.NAME", in the calendar's order
  long steps_simulated = 0, steps_from_cache = 0;
};

// Draws every index of the run (shard == nullptr) or those of shard K/M (index % M == K - 1).
InferDraws draw_inference(const PriorSet& priors, const Evidence& evidence, const InferOptions& options,
                          const ShardSpec* shard = nullptr);
// Weights every draw by the evidence and summarizes; `draws` must hold every index 0..total-1.
// Taken by value: pass an rvalue and the draws' outputs move into the result (no second copy).
InferResult weigh_inference(InferDraws draws, const Evidence& evidence);

InferResult run_inference(const PriorSet& priors, const Evidence& evidence, const InferOptions& options);

}  // namespace ascendsim
