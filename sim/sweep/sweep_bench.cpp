#include "sim/sweep/sweep_bench.hpp"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/sweep/sweep_run.hpp"
#include "sim/sweep/sweep_table.hpp"
#include "sim/util/atomic_file.hpp"

namespace ascendsim {

namespace {
double since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

MergeBenchResult bench_merge(std::size_t parts, std::size_t rows_per_part) {
  if (parts == 0) throw std::invalid_argument("bench_merge: needs at least one part");
  namespace fs = std::filesystem;
  std::string templ = (fs::temp_directory_path() / "ascendsim-merge-bench.XXXXXX").string();
  if (!mkdtemp(templ.data())) throw std::runtime_error("bench_merge: cannot create a temporary directory");
  const fs::path dir = templ;
  MergeBenchResult r;
  r.parts = parts;
  r.rows = parts * rows_per_part;
  SweepTable base;
  base.identity = "00000000bench000";
  base.sweep_file = "bench.toml";
  base.scenario_path = "timelines/v4-ascend-thesis.toml";
  base.seed = 1;
  base.items_total = r.rows;
  base.axis_paths = {"fleet.org_share", "calendar.milestones.work-start.not_before"};
  std::vector<std::string> paths;
  const int count = static_cast<int>(parts);
  try {
    auto t0 = std::chrono::steady_clock::now();
    for (int k = 1; k <= count; ++k) {
      SweepTable t = base;
      for (std::size_t i = static_cast<std::size_t>(k - 1); i < r.rows; i += parts) {
        SweepRow row;
        row.item = i;
        row.point = i;
        row.inputs = {"\"" + std::to_string(5 + i % 20) + "%\"", "2025-12-0" + std::to_string(1 + i % 9)};
        row.outputs = {{"fits", i % 3 ? "true" : "false"}, {"margin_days", std::to_string(static_cast<double>(i % 41) - 20.0)},
                       {"worst", "checkpoint-0211"}, {"final_date", "2026-03-02"}, {"pretraining_days", "44.50"}};
        t.rows.push_back(std::move(row));
      }
      const std::string p = (dir / ("part-" + std::to_string(k) + "-of-" + std::to_string(count) + ".json")).string();
      write_file_atomic(p, render_part_json(t, ShardSpec{k, count}));
      paths.push_back(p);
    }
    r.write_s = since(t0);
    t0 = std::chrono::steady_clock::now();
    const SweepTable merged = merge_parts(paths);
    r.merge_s = since(t0);
    t0 = std::chrono::steady_clock::now();
    const std::size_t bytes = render_sweep_csv(merged).size() + render_sweep_json(merged).size() + sweep_heatmap_html(merged).size();
    r.render_s = since(t0);
    if (bytes == 0 || merged.rows.size() != r.rows) throw std::logic_error("bench_merge: merged table is incomplete");
  } catch (...) {
    std::error_code ec;
    fs::remove_all(dir, ec);
    throw;
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  return r;
}

}  // namespace ascendsim
