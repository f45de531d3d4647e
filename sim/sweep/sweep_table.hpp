// The result table of a sweep: one row per work item (grid point, or point × Monte Carlo draw) with
// every input value and the outputs (verdict, margin, key dates). A shard writes a part file (JSON
// with the sweep's identity and its K/M); `merge` checks the parts belong together, reports missing
// or duplicated shards, and renders exactly the table the unsharded run renders.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "sim/sweep/sweep_spec.hpp"

namespace ascendsim {

struct SweepRow {
  std::size_t item = 0;   // global work-item index (point * max(draws,1) + draw)
  std::size_t point = 0;
  int draw = -1;          // -1: deterministic run of the point
  std::vector<std::string> inputs;                              // one per axis, TOML text (typed on output)
  std::vector<std::pair<std::string, nlohmann::json>> outputs;  // ordered (column, typed value)
  // Monte Carlo rows: every uncertain input the draw sampled, by its per-draw column name (key path
  // plus unit suffix, sim/timeline/draw_table.hpp), typed; empty for deterministic rows.
  std::vector<std::pair<std::string, nlohmann::json>> sampled;
};

struct SweepTable {
  std::string identity;       // SweepSpec::identity
  std::string sweep_file;
  std::string scenario_path;
  std::uint64_t seed = 0;
  std::size_t items_total = 0;
  std::vector<std::string> axis_paths;
  std::vector<SweepRow> rows;  // sorted by item
  // Provenance of the command that produced the table (not part of part files' rows; a merge sets
  // its own). Null when absent.
  nlohmann::json provenance;
  long steps_from_cache = 0, steps_simulated = 0;  // cache facts of run_sweep (not in part files)
};

// An axis value (TOML text) as a typed JSON value: numbers and booleans as they are, dates as ISO
// strings, percentages ("5%") as fractions, other strings unquoted ("base", "50G").
nlohmann::json typed_toml_value(const std::string& toml_text);

std::string render_sweep_csv(const SweepTable& t);
std::string render_sweep_json(const SweepTable& t);  // the full table, no shard information
std::string render_part_json(const SweepTable& t, const ShardSpec& shard);
SweepTable read_part_json(const std::string& path, ShardSpec* shard);  // throws InputError on bad parts
// Combines parts; throws InputError naming the files when they come from different sweeps or seeds,
// or when shards are missing or duplicated, or rows do not cover every item exactly once.
SweepTable merge_parts(const std::vector<std::string>& part_paths);

}  // namespace ascendsim
