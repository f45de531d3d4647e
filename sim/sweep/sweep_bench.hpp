// Speed benchmark of `ascendsim merge` (issue 10: 1,000 parts in under 5 s): writes N synthetic
// part files of a sweep of N x rows_per_part items (axis values and outputs shaped like the thesis
// sweep's) into a fresh temporary directory, times merge_parts and rendering, and removes them.
// Called by the lead's bench command; not a timed test.
#pragma once
#include <cstddef>

namespace ascendsim {

struct MergeBenchResult {
  std::size_t parts = 0;
  std::size_t rows = 0;
  double write_s = 0;   // writing the synthetic parts (not part of the target)
  double merge_s = 0;   // merge_parts: read, check, sort
  double render_s = 0;  // sweep.csv, sweep.json and sweep.html of the merged table
};

MergeBenchResult bench_merge(std::size_t parts, std::size_t rows_per_part = 4);

}  // namespace ascendsim
