// Serving calibration against CloudMatrix-Infer (arXiv 2506.12708, REFERENCE.md s5) with the EP
// all-to-all simulated on platforms/cloudmatrix384.xml, and the serve/demand commands end to end.
#include <catch2/catch.hpp>

#include "tests/support/run_cli.hpp"
#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <sys/wait.h>

#include "sim/serving/ep_alltoall.hpp"

using namespace ascendsim;

namespace {

using ascendsim::testing::run_cli;

const std::string kServe = "serve --platform platforms/cloudmatrix384.xml --workload workloads/deepseek-v3.toml ";

}  // namespace

TEST_CASE("Calibration: DeepSeek-R1 INT8 decode on CloudMatrix384 (arXiv 2506.12708)", "[serving][calibration]") {
  const Deployment d = load_deployment("workloads/serve/deepseek-v3_cloudmatrix384.toml");
  const ChipCatalogue cat = load_chip_catalogue();
  ServingModel s = make_serving_model(load_model(d.model_file), cat.find(d.chip), d, serving_efficiency(cat));
  const EpCommFit fit = fit_ep_alltoall("platforms/cloudmatrix384.xml", s);
  s.decode_a2a = fit.decode;
  // Published (REFERENCE.md s5; paper's decode table): batch 96 per NPU, 4,096-token prompts, 256
  // output tokens (mean context 4,224), TPOT 49.4 ms, 1,943 tokens/s per NPU. Within 10%.
  const DecodeStep st = decode_step(s, 96.0 / 2, 4224);
  CHECK(tpot_s(s, st) == Approx(0.0494).epsilon(0.10));
  CHECK(96.0 / tpot_s(s, st) == Approx(1943).epsilon(0.10));
  // Predicted, not tuned: the 15 ms point (batch 8 per NPU, 14.9 ms, 538 tokens/s per NPU).
  const DecodeStep low = decode_step(s, 8.0 / 2, 4224);
  CHECK(8.0 / tpot_s(s, low) == Approx(538).epsilon(0.10));
  // The simulated UB all-to-all: per die, half the NPU's 392 GB/s (two dies share a port).
  CHECK(1.0 / s.decode_a2a.seconds_per_byte == Approx(392e9 / 2 * 159.0 / 160).epsilon(0.02));
}

TEST_CASE("serve --tpot-limit 50ms finds the paper's batch and rate", "[serving][cli]") {
  const ascendsim::testing::CliRun r = run_cli(kServe + "--tpot-limit 50ms --json");
  REQUIRE(r.status == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["output_tokens_per_s_per_chip"].get<double>() == Approx(1943).epsilon(0.10));
  CHECK(j["decode_batch"]["per_npu"].get<long>() == Approx(96).epsilon(0.10));
  CHECK(j["tpot_s"]["p99"].get<double>() <= 0.050);
}

TEST_CASE("serve --rate is deterministic for a seed and reports the keys", "[serving][cli]") {
  const std::string args = kServe + "--rate 100 --requests 2000 --seed 5 --json";
  const ascendsim::testing::CliRun a = run_cli(args), b = run_cli(args);
  REQUIRE(a.status == 0);
  CHECK(a.out == b.out);
  const auto j = nlohmann::json::parse(a.out);
  for (const char* k : {"output_tokens_per_s_per_chip", "input_tokens_per_s_per_chip", "ttft_s", "tpot_s", "decode_batch"})
    CHECK(j.contains(k));
  for (const char* k : {"p50", "p90", "p99"}) {
    CHECK(j["ttft_s"].contains(k));
    CHECK(j["tpot_s"].contains(k));
  }
  // 2,000 requests of 4,096 in / 256 out over the span: input/output token ratio 16.
  CHECK(j["input_tokens_per_s"].get<double>() / j["output_tokens_per_s"].get<double>() == Approx(16.0));
}

TEST_CASE("demand reproduces seed 000 and reports months of supply", "[serving][cli]") {
  const ascendsim::testing::CliRun r = run_cli("demand --tokens-per-day 180e12 --rate-per-chip 538 --utilisation 0.5 "
                        "--supply timelines/supply/thesis-wafer.toml --scenario base --json");
  REQUIRE(r.status == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["chips"].get<double>() == Approx(7.74e6).epsilon(0.005));
  CHECK(j["months_of_output"].get<double>() == Approx(7.7447e6 / 60000).epsilon(0.001));
}

TEST_CASE("Bad deployment and options exit 2 with a located message", "[serving][cli]") {
  const ascendsim::testing::CliRun r = run_cli("validate tests/data/deployment-bad-ep.toml");
  CHECK(r.status == 2);
  CHECK_THAT(r.out, Catch::Contains("deployment-bad-ep.toml:"));
  CHECK_THAT(r.out, Catch::Contains("decode.ep"));
  const ascendsim::testing::CliRun t = run_cli(kServe + "--tpot-limit fast");
  CHECK(t.status == 2);
  CHECK_THAT(t.out, Catch::Contains("--tpot-limit"));
}
