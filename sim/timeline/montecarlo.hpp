// Seeded Monte Carlo over any model: draw k gets the stream Rng(seed).fork(k), draws run on
// std::threads and are collected by index, so the results are identical for any thread count.
// Summaries: probability of fitting, per-milestone on-time probability, p10/p50/p90 dates.
#pragma once
#include "sim/config/input_error.hpp"
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/config/units.hpp"
#include "sim/util/rng.hpp"

namespace ascendsim {

struct MilestoneOutcome {
  std::string name;
  double day = 0;                // date reached (days since 1970-01-01, fractional)
  std::optional<bool> on_time;   // absent when the milestone has no observed date or deadline
};

// One sampled input of a draw, by its key path, in the base unit of its dimension (dates: days
// since 1970-01-01).
struct DrawInput {
  std::string key_path;
  Dimension dim = Dimension::Count;
  double value = 0;
};

struct DrawResult {
  bool fits = false;
  double margin_days = 0;                  // worst slack of the draw
  std::vector<MilestoneOutcome> milestones;  // same names in the same order in every draw
  std::vector<DrawInput> inputs;           // every uncertain input the draw read, by key path (may be empty)
};

using DrawFn = std::function<DrawResult(std::uint64_t draw_index, Rng& rng)>;

// Runs draws 0..n-1 (draw k calls fn(k, Rng(seed).fork(k))) on `threads` threads (0 = 1) and
// returns them in index order. An exception thrown by any draw is rethrown after all threads
// stop. Progress is reported as the phase `progress_label` (sim/util/progress.hpp; shown only when
// the program turned progress on).
// Before storing n results it runs draw 0, estimates the memory of all n (draw_result_bytes) and
// throws InputError at `draws_from` (key "draws") when they cannot fit (memory_budget_bytes).
std::vector<DrawResult> run_draws(std::uint64_t n, unsigned threads, std::uint64_t seed, const DrawFn& fn,
                                  const char* progress_label = "Monte Carlo draws",
                                  const SourceLocation& draws_from = {"--draws", 0, 0});

// Estimated bytes one stored draw with these milestone names takes: the result itself, its
// milestones and names, and the summary's per-milestone copies (summarize_draws).
double draw_result_bytes(const std::vector<std::string>& milestone_names);

// Percentile by linear interpolation between order statistics (Hyndman and Fan type 7, the
// default of R and NumPy): position h = (n - 1) q on the sorted sample, value x[floor h] +
// (h - floor h)(x[floor h + 1] - x[floor h]). q in [0, 1]; an empty sample throws.
double percentile(std::vector<double> sample, double q);

struct MilestoneSummary {
  std::string name;
  double p10_day = 0, p50_day = 0, p90_day = 0;
  std::optional<double> p_on_time;  // share of draws on time (absent if never limited)
};

struct SweepSummary {
  std::uint64_t draws = 0;
  double p_fit = 0;                          // share of draws that fit
  double margin_p10 = 0, margin_p50 = 0, margin_p90 = 0;
  std::vector<MilestoneSummary> milestones;  // in the order of the first draw
};

// Summarises draws; milestones are matched by name. Throws std::invalid_argument on no draws.
SweepSummary summarize_draws(const std::vector<DrawResult>& draws);

}  // namespace ascendsim
