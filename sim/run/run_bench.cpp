// Run-level speed benchmark (see run_bench.hpp). The step time is a constant table lookup, so the
// time measured is the event loop's alone.
#include "sim/run/run_bench.hpp"

#include <chrono>

namespace ascendsim {

RunInputs bench_run_inputs(const FailureRates& rates) {
  RunInputs in;
  in.chips_planned = 8192;
  in.replica_chips = 128;
  in.chips_per_host = 8;
  in.tokens_per_step = 16e6;
  in.step_time_s = [](long chips) { return 6.0 * 8192.0 / static_cast<double>(chips); };
  in.tokens = 45.0 * 86400.0 / 6.0 * 0.93 * in.tokens_per_step;  // ~45 days at ~93% effective time
  in.checkpoint_bytes = 671e9 * 14;  // a V3-sized model: bf16 weights + fp32 master + 2 Adam moments
  in.rates = rates;
  in.policy.failures.spare_hosts = 32;
  in.record_trace = false;
  return in;
}

RunBenchResult bench_run_level(const FailureRates& rates, int draws) {
  RunInputs in = bench_run_inputs(rates);
  RunBenchResult b;
  b.draws = draws;
  const auto t0 = std::chrono::steady_clock::now();
  for (int k = 1; k <= draws; ++k) {
    in.seed = static_cast<std::uint64_t>(k);
    const RunResult r = simulate_run(in);
    b.mean_failures += static_cast<double>(r.interruptions_unexpected) / draws;
    b.mean_duration_days += r.duration_days / draws;
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  b.seconds_per_draw = draws > 0 ? s / draws : 0;
  return b;
}

}  // namespace ascendsim
