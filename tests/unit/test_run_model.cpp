// Run level, deterministic paths: exact durations without failures (sync and async checkpoints,
// maintenance, growth), determinism by seed, and clear answers for degenerate runs.
#include <catch2/catch.hpp>
#include <cmath>

#include "sim/run/checkpoint_interval.hpp"
#include "sim/run/failure_rates.hpp"
#include "sim/run/run_model.hpp"
#include "tests/support/small_run.hpp"

using namespace ascendsim;
using Catch::Detail::Approx;

// 64 chips (8 hosts), 2 s steps, 1,000 steps, 80 GB checkpoints written at min(8 x 1 GB/s, 2 TB/s):
// tests/support/small_run.hpp.
using ascendsim::testing::small_run;

TEST_CASE("no failures, synchronous checkpoints: duration = steps x step time + checkpoint costs, exactly") {
  RunInputs in = small_run();
  const RunResult r = simulate_run(in);
  // Checkpoints every 250 steps, none after the last step: at 250, 500, 750 -> 3 x 80e9/8e9 = 30 s.
  CHECK(r.checkpoints_written == 3);
  CHECK(r.pretraining_s == 1000 * 2.0 + 3 * 10.0);
  CHECK(r.checkpoint_overhead_s == 30.0);
  CHECK(r.interruptions_total == 0);
  CHECK(r.productive_s == 2000.0);
  CHECK(r.effective_training_ratio == Approx(2000.0 / 2030.0));
  CHECK(r.chip_hours == Approx(64 * 2030.0 / 3600.0));
  CHECK(r.chip_hours_per_trillion_tokens == Approx(64 * 2030.0 / 3600.0 / 1e-3));
  CHECK(r.duration_days == Approx(2030.0 / 86400.0));
}

TEST_CASE("no failures, asynchronous checkpoints block only for the host-memory snapshot") {
  RunInputs in = small_run();
  in.policy.checkpoint.mode = CheckpointMode::Asynchronous;
  in.policy.checkpoint.snapshot_Bps_per_node = 50e9;  // 80e9 / (8 x 50e9) = 0.2 s
  const RunResult r = simulate_run(in);
  CHECK(r.checkpoints_written == 3);
  CHECK(r.pretraining_s == Approx(2000.0 + 3 * 0.2).epsilon(1e-12));
  // Persisting takes 10 s, less than the 500 s interval, so it never blocks.
  in.policy.checkpoint.interval_s = Param(4.0);  // 2 steps: every snapshot waits for the previous persist
  const RunResult slow = simulate_run(in);
  // 499 checkpoints: 4 s of steps + 0.2 s snapshot, then 498 cycles of 4 s of steps + 6 s waiting for the
  // previous persist (10 s after its snapshot) + 0.2 s snapshot, then the last 2 steps.
  CHECK(slow.checkpoints_written == 499);
  CHECK(slow.pretraining_s == Approx(4.2 + 498 * 10.2 + 4.0).epsilon(1e-9));
}

TEST_CASE("a maintenance window: checkpoint, wait out the window, restart, reload (worked by hand)") {
  RunInputs in = small_run();
  in.policy.failures.restart_s = Param(60.0);
  in.policy.maintenance.push_back({1000.0, 3600.0});
  const RunResult r = simulate_run(in);
  // 0-500 train, 500-510 ckpt, 510-1000 train (495 steps), 1000-1010 ckpt, wait to 4600, restart to
  // 4660, reload 80e9/8e9 = 10 s to 4670, 250 steps to 5170, ckpt 5180, 250 steps 5680, ckpt 5690, 5 steps.
  CHECK(r.pretraining_s == Approx(5700.0).epsilon(1e-12));
  CHECK(r.checkpoints_written == 4);
  CHECK(r.interruptions_planned == 1);
  CHECK(r.interruptions_by_cause.at("maintenance") == 1);
  CHECK(r.interruptions_unexpected == 0);
}

TEST_CASE("growth: start now and grow at the next checkpoint, against fixed and wait-for-full-fleet") {
  RunInputs in = small_run();
  in.checkpoint_bytes = 0;
  in.tokens = 100000 * 1e6;
  in.chips_planned = 128;
  in.start_day = 20000;
  in.arrivals = {{20000, 64}, {20001, 64}};
  in.step_time_s = [](long chips) { return 128.0 / chips; };  // 2 s on 64 chips, 1 s on 128
  in.policy.checkpoint.interval_s = Param(100.0);
  in.policy.failures.restart_s = Param(60.0);
  in.policy.growth = GrowthPolicy::StartNowAndGrow;
  const RunResult grow = simulate_run(in);
  // 43,200 steps by the checkpoint at 86,400 s, re-plan (60 s restart), 56,800 steps at 1 s.
  CHECK(grow.pretraining_s == Approx(86400.0 + 60.0 + 56800.0).epsilon(1e-12));
  CHECK(grow.final_chips == 128);
  CHECK(grow.interruptions_by_cause.at("replan") == 1);
  in.policy.growth = GrowthPolicy::Fixed;
  CHECK(simulate_run(in).pretraining_s == Approx(200000.0).epsilon(1e-12));
  in.policy.growth = GrowthPolicy::WaitForFullFleet;
  const RunResult wait = simulate_run(in);
  CHECK(wait.wait_for_chips_s == 86400.0);
  CHECK(wait.duration_s == Approx(86400.0 + 100000.0).epsilon(1e-12));
  CHECK(wait.end_day == Approx(20000 + (86400.0 + 100000.0) / 86400.0));
}

TEST_CASE("post-training phases and the checkpoint-iteration loop yield dated releases") {
  RunInputs in = small_run();
  in.start_day = 20423;  // 2025-12-01
  in.policy.post_training.push_back({"sft", 100e6, 1e6, 0, 0});   // 100 steps x 2 s = 200 s
  in.policy.post_training.push_back({"rl", 0, 0, 64.0, 32});       // 64 chip-hours on 32 chips = 2 h
  in.policy.iteration.rounds = 2;
  in.policy.iteration.train_s = Param(86400.0);
  in.policy.iteration.evaluate_s = Param(3600.0);
  in.policy.iteration.deploy_s = Param(7200.0);
  const RunResult r = simulate_run(in);
  const double ratio = 2000.0 / 2030.0;  // the pretraining's effective ratio stretches the phases
  const double post = 200.0 / ratio + 7200.0 / ratio;
  REQUIRE(r.releases.size() == 2);
  CHECK(r.releases[0].day == Approx(20423 + (2030.0 + post + 97200.0) / 86400.0));
  CHECK(r.releases[1].day == Approx(20423 + (2030.0 + post + 2 * 97200.0) / 86400.0));
  CHECK(r.end_day == Approx(r.releases[1].day));
}

static FailureRates accelerator_only(double per_chip_hour) {
  FailureRates f;
  f.of(Component::Accelerator).rate_per_component_hour = Param(per_chip_hour);
  f.of(Component::Accelerator).components_per_chip = 1;
  f.of(Component::Software).rate_per_component_hour = Param(per_chip_hour);
  f.of(Component::Software).components_per_chip = 0.125;
  return f;
}

TEST_CASE("same seed gives identical results - different seeds give different failure times") {
  RunInputs in = small_run();
  in.tokens = 20000 * 1e6;
  in.rates = accelerator_only(1.0 / 64.0);  // 64 x 1/64 + 8 hosts x 1/64 = 1.125 failures per hour
  in.policy.failures.spare_hosts = 2;
  const RunResult a = simulate_run(in), b = simulate_run(in);
  REQUIRE(a.interruptions_unexpected > 3);
  CHECK(a.pretraining_s == b.pretraining_s);
  CHECK(a.lost_work_s == b.lost_work_s);
  REQUIRE(a.trace.spans.size() == b.trace.spans.size());
  for (std::size_t i = 0; i < a.trace.spans.size(); ++i) {
    CHECK(a.trace.spans[i].start_s == b.trace.spans[i].start_s);
    CHECK(a.trace.spans[i].name == b.trace.spans[i].name);
  }
  in.seed = 7;
  const RunResult c = simulate_run(in);
  auto first_failure = [](const RunResult& r) {
    for (const auto& s : r.trace.spans) if (s.category == "failure") return s.start_s;
    return -1.0;
  };
  CHECK(first_failure(a) > 0);
  CHECK(first_failure(c) > 0);
  CHECK(first_failure(a) != first_failure(c));
}

TEST_CASE("degenerate runs give a clear answer: zero failures, one chip, chips that never arrive") {
  RunInputs in = small_run();
  in.policy.checkpoint.interval_s.reset();  // Daly with no failures: no checkpoint at all
  const RunResult none = simulate_run(in);
  CHECK(none.checkpoints_written == 0);
  CHECK(none.pretraining_s == 2000.0);
  CHECK(std::isinf(none.checkpoint_interval_s));

  RunInputs one = small_run();
  one.chips_planned = 1;
  one.replica_chips = 1;
  one.rates = accelerator_only(1e-3);
  one.policy.checkpoint.interval_s.reset();
  const RunResult r1 = simulate_run(one);
  CHECK_FALSE(r1.never_finishes);
  CHECK(std::isfinite(r1.duration_days));
  CHECK(r1.pretraining_s >= 2000.0);

  RunInputs never = small_run();
  never.start_day = 20000;
  never.arrivals = {{20000, 4}};  // half a replica, forever
  const RunResult r2 = simulate_run(never);
  CHECK(r2.never_finishes);
  CHECK(r2.never_reason.find("never provides 8 usable chips") != std::string::npos);
  CHECK(r2.duration_days == 0);
  never.arrivals.clear();
  never.chips_planned = 4;  // a plan smaller than one replica
  CHECK(simulate_run(never).never_reason.find("smaller than one data-parallel replica") != std::string::npos);
}

TEST_CASE("wait versus shrink when a failed host cannot be replaced") {
  RunInputs in = small_run();
  in.tokens = 20000 * 1e6;
  in.rates = accelerator_only(1e-2);
  in.policy.failures.repair_s = Param(6 * 3600.0);
  in.policy.failures.spare_hosts = 0;
  const RunResult wait = simulate_run(in);
  in.policy.failures.on_shortfall = ShortfallPolicy::ShrinkDataParallel;
  const RunResult shrink = simulate_run(in);
  REQUIRE(wait.interruptions_unexpected > 0);
  // Waiting idles the whole job for each 6 h repair; shrinking keeps 56 of 64 chips busy.
  CHECK(shrink.pretraining_s < wait.pretraining_s);
  CHECK(wait.downtime_s > 6 * 3600.0);
}

TEST_CASE("stragglers stretch steps until swapped by a planned restart") {
  RunInputs in = small_run();
  in.policy.checkpoint.interval_s.reset();
  in.tokens = 20000 * 1e6;  // 40,000 s of steps
  in.policy.failures.straggler_rate_per_chip_hour = 1.0 / 64.0;  // one slow chip per hour on 64 chips
  in.policy.failures.straggler_slowdown = 2.0;
  in.policy.failures.straggler_detect_s = Param(600.0);
  in.policy.failures.restart_s = Param(60.0);
  const RunResult r = simulate_run(in);
  const long n = r.interruptions_by_cause.at("straggler");
  REQUIRE(n > 3);
  // Each straggler: 600 s at half speed (300 s of steps lost to slowness), a checkpoint (10 s),
  // a 60 s restart and a 10 s reload: exactly 380 s per straggler over the 40,000 s of steps.
  CHECK(r.pretraining_s == Approx(40000.0 + n * 380.0).epsilon(1e-9));
  CHECK(r.interruptions_unexpected == 0);
}
