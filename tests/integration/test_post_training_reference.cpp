// DeepSeek-R1's RL simulated from its published recipe (timelines/reference/deepseek-r1-rl-h800.toml;
// docs/run-level.md "Post-training as work", docs/validation.md). Recipe: DeepSeek-R1, Nature 645
// (2025), doi:10.1038/s41586-025-09422-z, Methods "Training details". Published: Supplementary
// 2.4.4, R1-Zero 101K H800 GPU hours (about 198 h on 512 H800), DeepSeek-R1 41K (about 80 h).
//
// The simulated R1-Zero total misses the published one by more than 25% (about -59%), so this test
// does not assert the published figure: it asserts the simulated total against a hand computation
// from the recipe, the step level's step (`ascendsim step --chips 1024`) and the rollout's parts,
// and pins the miss where docs/validation.md reports it (a model change that moves it must update
// that report; one that brings it within 25% should assert the published figure instead).
#include <catch2/catch.hpp>

#include <cmath>
#include <nlohmann/json.hpp>

#include "tests/support/run_cli.hpp"

using ascendsim::testing::run_cli;
using Catch::Detail::Approx;
using json = nlohmann::json;

namespace {
json cli_json(const std::string& args) {
  const auto r = run_cli(args + " --progress never");
  INFO(args << "\n" << r.out.substr(0, 2000));
  REQUIRE(r.status == 0);
  return json::parse(r.out);
}
const json& phase(const json& run, const std::string& name) {
  for (const auto& p : run.at("post_training"))
    if (p.at("name") == name) return p;
  FAIL("no post-training phase " << name);
  throw;
}
}  // namespace

TEST_CASE("DeepSeek-R1-Zero RL from its published recipe: the simulated GPU hours by hand, and the miss reported") {
  const json rep = cli_json("run timelines/reference/deepseek-r1-rl-h800.toml --json");
  const json& run = rep.at("pretraining").at("run");
  // The step level's step of the V3 plan on 1,024 H800 (one replica: PP16 x EP64), the job the
  // 512-GPU phase is costed at, scaled by 1,024 / 512.
  const double step1024 = cli_json("step --platform platforms/specs/h800-2048.toml --workload "
                                   "workloads/deepseek-v3-train.toml --chips 1024 --json")
                              .at("step_time_s")
                              .get<double>();
  const double batch_tokens = 15360.0 * 4096.0;  // the V3 pretraining batch
  double hand_chip_hours = 0;
  struct Part { const char* name; double steps, response, max; };
  for (const Part& p : {Part{"r1-zero-rl-32k", 8200, 6000, 32768}, Part{"r1-zero-rl-64k", 2200, 16000, 65536}}) {
    const json& ph = phase(run, p.name);
    INFO(p.name);
    CHECK(ph.at("chips") == 512);
    CHECK(ph.at("step_job_chips") == 1024);
    // Update: 32 x 16 x (200 + response) tokens at the step's rate, + 2 forward passes at 1/3 each.
    const double update = step1024 * 1024.0 / 512.0 * (32.0 * 16.0 * (200.0 + p.response)) / batch_tokens * 5.0 / 3.0;
    CHECK(ph.at("update_s").get<double>() == Approx(update).epsilon(1e-6));
    // Rollout: 8,192 responses on 3 EP144 instances (432 GPUs), 19 per GPU in one batch; the longest
    // response (the cap) at one sequence per GPU outlasts the batch's throughput time.
    const json& ro = ph.at("rollout");
    CHECK(ro.at("sequences") == 8192.0);
    CHECK(ro.at("instances") == 3);
    CHECK(ro.at("batch_per_npu") == 19);
    const double throughput = 8192.0 / 432.0 * p.response * ro.at("tpot_s").get<double>() / 19.0;
    const double tail = p.max * ro.at("tail_tpot_s").get<double>();
    CHECK(ro.at("throughput_s").get<double>() == Approx(throughput).epsilon(1e-9));
    CHECK(ro.at("tail_s").get<double>() == Approx(tail).epsilon(1e-9));
    const double rollout = ro.at("prefill_s").get<double>() + std::max(throughput, tail);
    CHECK(ro.at("time_s").get<double>() == Approx(rollout).epsilon(1e-9));
    // steps / 16 rounds of (rollout + 16 updates) of work; failures, restarts and checkpoint
    // snapshots add at most a few percent on 64 nodes over days.
    const double work_s = p.steps / 16.0 * (rollout + 16.0 * update);
    CHECK(ph.at("productive_hours").get<double>() == Approx(work_s / 3600.0).epsilon(1e-9));
    const double wall_h = ph.at("wall_hours").get<double>();
    CHECK(wall_h >= work_s / 3600.0);
    CHECK(wall_h <= 1.05 * work_s / 3600.0);
    CHECK(ph.at("chip_hours").get<double>() == Approx(wall_h * 512.0).epsilon(1e-9));
    hand_chip_hours += work_s / 3600.0 * 512.0;
  }
  double r1_zero = 0;
  for (const auto& s : run.at("post_training_stages"))
    if (s.at("name") == "r1-zero") r1_zero = s.at("chip_hours").get<double>();
  CHECK(r1_zero >= hand_chip_hours);
  CHECK(r1_zero <= 1.05 * hand_chip_hours);
  // The published 101K GPU hours: the miss docs/validation.md reports (-59%), pinned within 3 points.
  const double error = r1_zero / 101000.0 - 1.0;
  WARN("R1-Zero RL: simulated " << r1_zero << " H800 GPU hours, published 101,000: " << 100.0 * error << "%");
  CHECK(error == Approx(-0.595).margin(0.03));
}
