// Runs a sweep's work items: item i is grid point i / max(draws, 1) and, with draws, Monte Carlo
// draw i % draws of that point. Each item is a pure function of (sweep file, seed, i): a point's
// scenario is loaded with the point's overrides, a draw uses the stream Rng(seed).fork(draw) as
// `run --draws` does, so sharded and unsharded runs give the same rows byte for byte.
#pragma once
#include <functional>

#include "sim/sweep/sweep_table.hpp"

namespace ascendsim {

struct SweepRunOptions {
  unsigned threads = 1;                 // draws of one point run in parallel; rows do not depend on it
  const ShardSpec* shard = nullptr;     // only the items of this shard
  bool use_cache = true;
  // Progress ("sweep runs") is reported through sim/util/progress.hpp.
};

// A scenario file alone is a sweep with no axes: its Monte Carlo draws (`draws` of the spec).
SweepSpec sweep_of_scenario(const std::string& scenario_path, long draws, std::uint64_t seed);

SweepTable run_sweep(const SweepSpec& spec, const SweepRunOptions& options);

// A self-contained HTML page: a heat map of the mean margin (days) over the first two axes on a
// continuous diverging colour scale with a labelled colour bar (heatmap_svg); one axis: a single
// row; none: one cell for all runs.
std::string sweep_heatmap_html(const SweepTable& table);

}  // namespace ascendsim
