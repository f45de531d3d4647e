// Speed benchmark of the serving simulation (issue 8): 100,000 requests of DeepSeek-R1 on one
// CloudMatrix384 (workloads/serve/deepseek-v3_cloudmatrix384.toml), including the SimGrid EP
// all-to-all fit. Called by the lead's bench command; not a timed test.
#pragma once

namespace ascendsim {

struct ServeBenchResult {
  long requests = 0;
  double fit_seconds = 0;       // SimGrid EP all-to-all runs (forked child)
  double simulate_seconds = 0;  // the request-level event loop
  double total_seconds = 0;     // load + fit + simulate
  double output_tokens_per_s_per_chip = 0;
};

ServeBenchResult bench_serve(long requests = 100000);

}  // namespace ascendsim
