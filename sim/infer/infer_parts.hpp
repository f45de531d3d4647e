// Sharded inference (`infer --shard K/M --out DIR`, then `merge DIR/infer-part-*.json`): a part
// holds the draws of one shard (index % M == K - 1) with every output, unweighted, plus the
// identity of the run (priors and evidence files with their hashes, seed, draws). Merging checks
// that the parts are one complete run, orders the draws by index and weighs them by the evidence:
// the result is the unsharded run's, number for number (doubles are written round-trip exact).
#pragma once
#include <string>
#include <vector>

#include "sim/infer/infer_run.hpp"
#include "sim/sweep/sweep_spec.hpp"

namespace ascendsim {

std::string infer_part_name(const ShardSpec& shard);  // "infer-part-K-of-M.json"

std::string render_infer_part(const PriorSet& priors, const Evidence& evidence, const InferDraws& draws,
                              const ShardSpec& shard);

struct MergedInference {
  PriorSet priors;
  Evidence evidence;
  InferResult result;
};

// Throws InputError (located at the part file and key) when a part is malformed, parts belong
// to different runs, a shard is missing or given twice, or the priors or evidence changed since.
MergedInference merge_infer_parts(const std::vector<std::string>& paths);

// True when the JSON file at `path` is an inference part (kind = "infer-part").
bool is_infer_part(const std::string& path);

}  // namespace ascendsim
