// What-if grids: a sweep file names a base scenario and, per key path, a list or range of values.
// The grid is the cartesian product of the axes (first axis slowest), optionally with Monte Carlo
// draws per point. Each point is a set of `--set` overrides applied to the base scenario, so a
// sweep can vary any input the scenario format has.
//
//   kind = "sweep"
//   scenario = "../v4-ascend-thesis.toml"
//   seed = 7                      # optional: overrides the scenario's seed
//   draws = 0                     # Monte Carlo draws per point (0: deterministic run per point)
//   [[axis]]
//   path = "fleet.share_to_org"
//   values = ["5%", "10%", "20%"]           # TOML values, written as --set would take them
//   [[axis]]
//   path = "timeline.work_start"
//   range = { from = 2025-11-20, to = 2025-12-15, step = "5d" }
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "sim/config/toml_reader.hpp"

namespace ascendsim {

struct SweepAxis {
  std::string path;
  std::vector<std::string> values;  // each as TOML text, e.g. "\"5%\"", "2025-12-01", "384"
};

struct SweepSpec {
  std::string file;           // the sweep file as given
  std::string scenario_path;  // resolved relative to the sweep file
  std::uint64_t seed = 0;
  bool seed_set = false;
  int draws = 0;
  std::vector<SweepAxis> axes;
  std::vector<Override> every_point;  // applied to every point (sweep --catalogue); part of the identity
  std::string identity;  // hash of the sweep file's bytes, the seed, draws and every_point: parts must agree on it

  std::size_t point_count() const;
  // Overrides of grid point `index` (0 .. point_count()-1), first axis slowest.
  std::vector<Override> point(std::size_t index) const;
};

SweepSpec load_sweep(const std::string& path);
// Recomputes `identity` from the sweep file's bytes, the seed, the draws and every_point (after any changes).
void refresh_identity(SweepSpec& spec);

struct ShardSpec {
  int index = 1;  // K in 1..M
  int count = 1;  // M
};
ShardSpec parse_shard(const std::string& text);  // "K/M"; InputError otherwise
// Deterministic slice: the work items i (points, or point × draw) with i % M == K - 1.
bool in_shard(std::size_t item, const ShardSpec& shard);

}  // namespace ascendsim
