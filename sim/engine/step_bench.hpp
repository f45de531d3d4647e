// Speed benchmark of the step level (issue 4): one DeepSeek-V3 step on 2,048 H800 and one V4-Pro
// step on the 8,192-chip Atlas 950 platform, cold cache (the disk cache is bypassed). Called by the
// lead's bench command; not a timed test. Targets: < 2 s; < 10 s and < 2 GiB peak RSS.
#pragma once
#include <string>
#include <vector>

namespace ascendsim {

struct StepBenchCase {
  std::string name;
  double wall_s = 0;           // steady clock around simulate_step (platform XML generation included)
  double peak_rss_GiB = 0;     // max over this process and its SimGrid children (getrusage)
  double step_time_s = 0;      // the simulated step, for sanity
  double target_wall_s = 0;
};

// Paths are relative to the repository root (the working directory of tests and bench).
std::vector<StepBenchCase> bench_step_level(const std::string& repo_root = ".");

}  // namespace ascendsim
