// The run policy's checkpoint-interval rule, worked by hand: tau = max(Daly(blocking, M),
// min_interval, persist / max_storage_share), and what the run reports for each bound.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <string>

#include "sim/run/checkpoint_interval.hpp"
#include "sim/run/run_model.hpp"

using namespace ascendsim;
using Catch::Detail::Approx;

TEST_CASE("interval rule: the largest of Daly's interval, the minimum and the storage bound, by hand") {
  // Daly bound: blocking 60 s, M = 3600 s -> 617.88 s (worked in test_run_statistics.cpp);
  // minimum 600 s; storage: persist 100 s at share 1 -> 100 s. Daly wins.
  IntervalChoice c = policy_interval(60, 100, 3600, 600, 1.0);
  CHECK(c.daly_s == Approx(617.88).epsilon(1e-4));
  CHECK(c.interval_s == Approx(617.88).epsilon(1e-4));
  CHECK(std::string(c.rule) == "daly");
  // Cheap snapshot: blocking 0.05 s, M = 9540 s: sqrt(2 x 0.05 x 9540) = 30.887; x = 0.05/19080
  // = 2.6205e-6; 30.887 x (1 + sqrt(x)/3 + x/9) - 0.05 = 30.887 x 1.0005399 - 0.05 = 30.854 s.
  // The 10 min minimum sets the interval.
  c = policy_interval(0.05, 0.81, 9540, 600, 1.0);
  CHECK(c.daly_s == Approx(30.854).epsilon(1e-4));
  CHECK(c.interval_s == 600);
  CHECK(std::string(c.rule) == "min_interval");
  // Slow storage: persist 900 s may use at most half the storage's time -> 1800 s, above Daly
  // (blocking 1 s, M = 36000 s: sqrt(72000) = 268.328 x (1 + sqrt(1/72000)/3 + 1/648000) = 268.328 x
  // 1.0012438 - 1 = 267.66 s)
  // and above the 600 s minimum.
  c = policy_interval(1, 900, 36000, 600, 0.5);
  CHECK(c.daly_s == Approx(267.66).epsilon(1e-4));
  CHECK(c.storage_s == 1800);
  CHECK(c.interval_s == 1800);
  CHECK(std::string(c.rule) == "storage");
  // No failures: no interval (no checkpoints), whatever the minimum.
  c = policy_interval(1, 900, std::numeric_limits<double>::infinity(), 600, 1.0);
  CHECK(std::isinf(c.interval_s));
  CHECK(std::string(c.rule) == "no failures");
}

// One 8-chip host, 1 s steps, one failure class at `lam_per_h` per hour, checkpoints of `bytes`.
static RunInputs small_run(double lam_per_h, double bytes) {
  RunInputs in;
  in.chips_planned = 8;
  in.replica_chips = 8;
  in.tokens_per_step = 1;
  in.tokens = 36000;  // 10 h of steps
  in.step_time_s = [](long) { return 1.0; };
  in.rates.of(Component::Software).rate_per_component_hour = Param(lam_per_h);
  in.rates.of(Component::Software).components_per_job = 1;
  in.checkpoint_bytes = bytes;
  in.policy.checkpoint.mode = CheckpointMode::Asynchronous;
  in.policy.checkpoint.write_Bps_per_node = 1e9;      // one node: persist = bytes / 1e9
  in.policy.checkpoint.snapshot_Bps_per_node = 1e11;  // snapshot = bytes / 1e11
  in.record_trace = false;
  return in;
}

TEST_CASE("the run uses the rule's interval and reports its bound, blocking and persist costs") {
  // 1e10 B: snapshot 0.1 s, persist 10 s; lambda = 0.1/h -> M = 36000 s.
  // Daly: sqrt(2 x 0.1 x 36000) = 84.85 x (1 + sqrt(0.1/72000)/3 + ...) - 0.1 = 84.78 s < 600 s minimum.
  RunInputs in = small_run(0.1, 1e10);
  RunResult r = simulate_run(in);
  CHECK(r.checkpoint_interval_s == 600);
  CHECK(r.checkpoint_interval_rule == "min_interval");
  CHECK(r.checkpoint_blocking_s == Approx(0.1));
  CHECK(r.checkpoint_persist_s == Approx(10.0));
  // A persist of 1,000 s (1e12 B) at share 0.5 asks for 2,000 s between checkpoints: the storage bound.
  in = small_run(0.1, 1e12);
  in.policy.checkpoint.max_storage_share = 0.5;
  r = simulate_run(in);
  CHECK(r.checkpoint_persist_s == Approx(1000.0));
  CHECK(r.checkpoint_interval_s == Approx(2000.0));
  CHECK(r.checkpoint_interval_rule == "storage");
  // With no failures: 36,000 steps and 3,600 s between checkpoints would write 9; none are written.
  in = small_run(0.0, 1e10);
  in.policy.checkpoint.min_interval_s = Param(3600.0);
  r = simulate_run(in);
  CHECK(r.checkpoints_written == 0);
  CHECK(r.checkpoint_interval_rule == "no failures");
}

TEST_CASE("a draw without failures checkpoints every min_interval: the count and wall time by hand") {
  // lambda = 0.01/h: M = 360,000 s, Daly = sqrt(2 x 0.1 x 360,000) = 268 s < the 600 s minimum, so
  // the interval is 600 s = 600 steps. 36,000 steps -> checkpoints after steps 600, 1200, ...,
  // 35,400 = 59 (none after the last step), each blocking 0.1 s: 36,000 + 59 x 0.1 = 36,005.9 s.
  // About 90% of draws (e^-0.1) see no failure in the 10 h; take the first seed that does not.
  RunInputs in = small_run(0.01, 1e10);
  RunResult r;
  for (in.seed = 1; in.seed <= 50; ++in.seed) {
    r = simulate_run(in);
    if (r.interruptions_total == 0) break;
  }
  REQUIRE(r.interruptions_total == 0);
  CHECK(r.checkpoint_interval_rule == "min_interval");
  CHECK(r.checkpoints_written == 59);
  CHECK(r.pretraining_s == Approx(36005.9).epsilon(1e-9));
}
