// Speed benchmark of the run level (issue 5): a 45-day pretraining run on 8,192 chips with the
// shipped failure rates (about 200 failures per draw), step time from a fixed table (as if cached).
// Called by the lead's bench command; not a timed test.
#pragma once
#include "sim/run/run_model.hpp"

namespace ascendsim {

struct RunBenchResult {
  int draws = 0;
  double seconds_per_draw = 0;
  double mean_failures = 0;      // unexpected interruptions per draw
  double mean_duration_days = 0;
};

// The benchmark's inputs: 8,192 chips, 6 s steps of 16 M tokens, tokens for ~45 days, Daly interval.
RunInputs bench_run_inputs(const FailureRates& rates);
// Runs `draws` seeded draws (seeds 1..draws) without traces and times them (steady clock).
RunBenchResult bench_run_level(const FailureRates& rates, int draws);

}  // namespace ascendsim
