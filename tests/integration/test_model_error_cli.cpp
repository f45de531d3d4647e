// model_error.step_time in a scenario run (issue 19 item 4): nominal 1 (the deterministic verdict is
// the model's), a factor set on the command line scales the run level's steps (training days by
// nearly that factor: checkpoint writes and restarts do not scale), and Monte Carlo draws sample it
// like any other uncertain input (a per-draw column).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/support/run_cli.hpp"
#include "tests/support/test_files.hpp"

using ascendsim::testing::run_cli;

namespace {

double training_days(const std::string& extra) {
  const auto r = run_cli("run timelines/v4-flash-h800.toml --json " + extra);
  INFO(r.out.substr(0, 1000));
  REQUIRE(r.status == 0);
  return nlohmann::json::parse(r.out)["pretraining"]["training_days"].get<double>();
}

}  // namespace

TEST_CASE("model_error.step_time: nominal 1, a set factor scales the steps, draws sample it", "[scenario][model-error][cli]") {
  const double nominal = training_days("");
  CHECK(training_days("--set model_error.step_time=1.0") == nominal);
  const double slower = training_days("--set model_error.step_time=1.2");
  CHECK(slower / nominal > 1.15);
  CHECK(slower / nominal <= 1.2 + 1e-9);
  const auto dir = ascendsim::testing::process_scratch("model-error-cli", "draws");
  const auto r = run_cli("run timelines/v4-flash-h800.toml --draws 5 --per-draw " + (dir / "d.csv").string());
  REQUIRE(r.status == 0);
  const std::string csv = ascendsim::testing::slurp(dir / "d.csv");
  CHECK(csv.substr(0, csv.find('\n')).find("model_error.step_time") != std::string::npos);
}

TEST_CASE("model_error.serving_time scales an RL phase's rollouts and nothing else", "[scenario][model-error][cli]") {
  // The R1 RL reference (timelines/reference/deepseek-r1-rl-h800.toml): every rollout's time is
  // the serving model's times the factor; the policy updates are training steps and do not move.
  auto phases = [](const std::string& factor) {
    const auto r = run_cli("run timelines/reference/deepseek-r1-rl-h800.toml --json --set model_error.serving_time=" + factor);
    INFO(r.out.substr(0, 1000));
    REQUIRE(r.status == 0);
    return nlohmann::json::parse(r.out)["pretraining"]["run"]["post_training"];
  };
  const auto one = phases("1"), two = phases("2");
  REQUIRE(one.size() == two.size());
  REQUIRE(one.size() >= 1);
  for (std::size_t i = 0; i < one.size(); ++i) {
    if (!one[i].contains("rollout")) continue;
    CHECK(two[i]["rollout"]["time_s"].get<double>() == Approx(2 * one[i]["rollout"]["time_s"].get<double>()));
    CHECK(two[i]["update_s"].get<double>() == one[i]["update_s"].get<double>());
  }
}
