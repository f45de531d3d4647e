// Run-level inputs: the shipped failure-rate file loads; bad rate files and impossible policies give
// located errors (file:line:col: key: message), all at once.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "sim/run/failure_rates.hpp"
#include "sim/run/run_policy.hpp"

using namespace ascendsim;
using Catch::Detail::Approx;

static std::string errors_of(const std::function<void()>& f) {
  try { f(); } catch (const InputError& e) {
    std::string all;
    for (const auto& d : e.diagnostics()) all += d.format() + "\n";
    return all;
  }
  return "";
}

static std::string write_temp(const std::string& name, const std::string& text) {
  const auto p = std::filesystem::temp_directory_path() / name;
  std::ofstream(p) << text;
  return p.string();
}

TEST_CASE("the shipped failure rates reproduce their documented derivation") {
  const FailureRates f = load_failure_rates("platforms/failure-rates.toml");
  // 4.42 failures per 1,000 node-days on a 2,048-node job: 2048 x 4.42e-3 / 24 = 0.3772 per hour.
  CHECK(f.total_rate_per_hour(16384) == Approx(2048 * 4.42e-3 / 24).epsilon(0.01));
  // Accelerator share 41.5 / 94.9 of it.
  CHECK(f.class_rate_per_hour(Component::Accelerator, 16384) / f.total_rate_per_hour(16384) ==
        Approx(41.5 / 94.9).epsilon(0.01));
}

static const char* kGood = R"(kind = "failures"
[accelerator]
rate_per_component_hour = 1e-5
components_per_chip = 1
[hbm]
rate_per_component_hour = 1e-5
components_per_chip = 1
[host]
rate_per_component_hour = 1e-5
components_per_chip = 0.125
[link]
rate_per_component_hour = 1e-5
components_per_chip = 1
[switch]
rate_per_component_hour = 1e-5
components_per_chip = 0.03
[software]
rate_per_component_hour = 1e-5
components_per_chip = 0.125
[storage]
rate_per_component_hour = 0.0
components_per_job = 1
)";

TEST_CASE("bad failure-rate files: negative rate, unknown component, missing class, located") {
  std::string text = kGood;
  const std::string good = write_temp("ascendsim_rates_good.toml", text);
  CHECK(errors_of([&] { load_failure_rates(good); }).empty());

  std::string neg = text;
  neg.replace(neg.find("1e-5"), 4, "-3e-5");
  const std::string p1 = write_temp("ascendsim_rates_neg.toml", neg);
  const std::string e1 = errors_of([&] { load_failure_rates(p1); });
  CHECK(e1.find(p1 + ":3:") != std::string::npos);
  CHECK(e1.find("accelerator.rate_per_component_hour") != std::string::npos);

  const std::string p2 = write_temp("ascendsim_rates_unknown.toml",
                                    text + "[gpu_fan]\nrate_per_component_hour = 1e-5\ncomponents_per_chip = 1\n");
  const std::string e2 = errors_of([&] { load_failure_rates(p2); });
  CHECK(e2.find(p2 + ":") != std::string::npos);
  CHECK(e2.find("gpu_fan") != std::string::npos);

  std::string missing = text.substr(0, text.find("[storage]"));
  const std::string p3 = write_temp("ascendsim_rates_missing.toml", missing);
  CHECK(errors_of([&] { load_failure_rates(p3); }).find("storage") != std::string::npos);
}

static RunPolicy policy_of(const std::string& text) {
  TomlDocument doc = TomlDocument::parse(text, "scenario.toml");
  RunPolicy p = load_run_policy(doc.root().table("run"));
  doc.finish();
  return p;
}

TEST_CASE("a run policy section loads, with every table") {
  const RunPolicy p = policy_of(R"([run.checkpoint]
mode = "async"
interval = "20min"
aggregate_write_bandwidth = "2TBps"
[run.failures]
rates_file = "platforms/failure-rates.toml"
restart_time = { dist = "uniform", low = "5min", high = "15min" }
spare_hosts = 16
on_shortfall = "shrink"
[run.growth]
policy = "start_now_and_grow"
[[run.maintenance]]
start = "10d"
duration = "4h"
[[run.post_training]]
name = "sft"
tokens = "1.5T"
tokens_per_step = "16M"
[[run.post_training]]
name = "rl"
chip_hours = 2e5
[run.iteration]
rounds = 4
train_time = "5d"
evaluate_time = { dist = "triangular", low = "1d", mode = "2d", high = "4d" }
deploy_time = "1d"
)");
  CHECK(p.checkpoint.mode == CheckpointMode::Asynchronous);
  CHECK(p.checkpoint.interval_s->nominal == 1200.0);
  CHECK(p.failures.restart_s.nominal == 600.0);
  CHECK(p.failures.restart_s.uncertain());
  CHECK(p.failures.on_shortfall == ShortfallPolicy::ShrinkDataParallel);
  CHECK(p.growth == GrowthPolicy::StartNowAndGrow);
  CHECK(p.maintenance.at(0).start_s == 10 * 86400.0);
  CHECK(p.post_training.at(0).tokens == 1.5e12);
  CHECK(p.post_training.at(1).chip_hours == 2e5);
  CHECK(p.iteration.rounds == 4);
  CHECK(p.iteration.evaluate_s.nominal == 2 * 86400.0);
}

TEST_CASE("impossible policies: typos in policy names, both tokens and chip-hours, negative values") {
  const std::string e = errors_of([] {
    policy_of("[run.failures]\non_shortfall = \"shrnik\"\nrestart_time = \"-5min\"\n"
              "[run.growth]\npolicy = \"grow_now\"\n"
              "[[run.post_training]]\nname = \"sft\"\ntokens = \"1T\"\ntokens_per_step = \"16M\"\nchip_hours = 5.0\n"
              "[run.checkpoint]\nmode = \"sometimes\"\nintreval = \"1h\"\n");
  });
  CHECK(e.find("scenario.toml:2:16: run.failures.on_shortfall: expected one of \"wait\", \"shrink\", found \"shrnik\"") !=
        std::string::npos);
  CHECK(e.find("run.failures.restart_time") != std::string::npos);
  CHECK(e.find("scenario.toml:5:10: run.growth.policy") != std::string::npos);
  CHECK(e.find("exactly one of `tokens`") != std::string::npos);
  CHECK(e.find("run.checkpoint.mode") != std::string::npos);
  CHECK(e.find("run.checkpoint.intreval") != std::string::npos);
}

TEST_CASE("a maintenance window of zero length is a located error") {
  CHECK_THROWS_WITH(policy_of("[[run.maintenance]]\nstart = \"10d\"\nduration = \"0s\"\n"),
                    Catch::Contains("scenario.toml:3:12: run.maintenance.0.duration: a maintenance window must last longer than zero"));
}
