// Cost per token end to end (issue 16 item 5): `serve` and `demand` print the same economics in the
// terminal as in --json, consistent with the throughput they print: US$ per M tokens = chip-hour
// price / (tokens/s per chip x 3,600) x 1e6.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "tests/support/run_cli.hpp"

using ascendsim::testing::run_cli;

namespace {

const std::string kServe = "serve --platform platforms/cloudmatrix384.xml --workload workloads/deepseek-v3.toml --tpot-limit 50ms";

// The numbers of a terminal cost line "    WHAT: T tokens per chip-hour, $C per M tokens, E kWh per M tokens ($X ...".
struct Line { double tokens_per_chip_hour, usd, kWh, electricity; };
Line cost_line(const std::string& out, const std::string& what) {
  const std::regex re("    " + what + ": ([0-9.e+]+) tokens per chip-hour, \\$([0-9.e+-]+) per M tokens, ([0-9.e+-]+) kWh "
                      "per M tokens \\(\\$([0-9.e+-]+) of it electricity\\)");
  std::smatch m;
  REQUIRE(std::regex_search(out, m, re));
  return {std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4])};
}
// Printed with 6 significant digits.
void same(double printed, double json) { CHECK(printed == Approx(json).epsilon(1e-5)); }

}  // namespace

TEST_CASE("serve: cost per token in the terminal equals --json and follows from the printed throughput", "[serving][economics][cli]") {
  const auto term = run_cli(kServe), js = run_cli(kServe + " --json");
  REQUIRE(term.status == 0);
  REQUIRE(js.status == 0);
  const auto j = nlohmann::json::parse(js.out);
  const auto& e = j["economics"];
  const double price = e["chip_hour_usd"].get<double>();
  CHECK(price == Approx(1.5));  // platforms/prices.toml, ascend-910c
  for (const std::string what : {"output", "input"}) {
    INFO(what);
    const Line t = cost_line(term.out, what);
    same(t.tokens_per_chip_hour, e[what]["tokens_per_chip_hour"].get<double>());
    same(t.usd, e[what]["usd_per_million_tokens"].get<double>());
    same(t.kWh, e[what]["kWh_per_million_tokens"].get<double>());
    same(t.electricity, e[what]["electricity_usd_per_million_tokens"].get<double>());
  }
  // Consistent with the throughput the command reports (JSON) and prints (whole tokens/s).
  const double out_rate = j["output_tokens_per_s_per_chip"].get<double>();
  const double in_rate = j["input_tokens_per_s_per_chip"].get<double>();
  CHECK(e["output"]["usd_per_million_tokens"].get<double>() == Approx(price / (out_rate * 3600) * 1e6));
  CHECK(e["input"]["usd_per_million_tokens"].get<double>() == Approx(price / (in_rate * 3600) * 1e6));
  std::smatch m;
  REQUIRE(std::regex_search(term.out, m, std::regex("output ([0-9]+) tokens/s per decode NPU; prefill ([0-9]+) input")));
  CHECK(cost_line(term.out, "output").usd == Approx(price / (std::stod(m[1]) * 3600) * 1e6).epsilon(1.0 / std::stod(m[1])));
  // Energy: (700 + 756) W x PUE 1.3 over the chip-hours of a million output tokens.
  CHECK(e["output"]["kWh_per_million_tokens"].get<double>() ==
        Approx(1e6 / (out_rate * 3600) * 1456 * 1.3 / 1000));
  // The request mix (4,096 in : 256 out): share-weighted chip-time.
  const double s = 256.0 / 4352.0;
  CHECK(e["mix"]["usd_per_million_tokens"].get<double>() ==
        Approx((1 - s) * price / (in_rate * 3600) * 1e6 + s * price / (out_rate * 3600) * 1e6));
}

TEST_CASE("demand: fleet cost per day and per token agree with the chips it prints", "[serving][economics][cli]") {
  const std::string args = "demand --tokens-per-day 180e12 --rate-per-chip 538 --utilisation 0.5";
  const auto term = run_cli(args), js = run_cli(args + " --json");
  REQUIRE(js.status == 0);
  const auto j = nlohmann::json::parse(js.out);
  const auto& e = j["economics"];
  // Every token at 538 tok/s per chip, half utilised: US$1.50 / (538 x 0.5 x 3,600) x 1e6 = US$1.54895 per M.
  CHECK(e["output"]["usd_per_million_tokens"].get<double>() == Approx(1.5 / (538 * 0.5 * 3600) * 1e6));
  CHECK(e["output"]["usd_per_million_tokens"].get<double>() == Approx(1.54895).epsilon(1e-5));
  // The fleet: chips x price x 24 h, and per token the same as above (cost per day / tokens per day).
  const double chips = j["chips"].get<double>();
  CHECK(e["fleet_usd_per_day"].get<double>() == Approx(chips * 1.5 * 24));
  CHECK(e["fleet_usd_per_day"].get<double>() / 180e12 * 1e6 == Approx(e["mix"]["usd_per_million_tokens"].get<double>()));
  same(cost_line(term.out, "output").usd, e["output"]["usd_per_million_tokens"].get<double>());
  std::smatch m;
  REQUIRE(std::regex_search(term.out, m, std::regex("fleet: \\$([0-9.e+]+) per day, ([0-9.e+]+) MW")));
  same(std::stod(m[1]), e["fleet_usd_per_day"].get<double>());
  same(std::stod(m[2]), e["fleet_MW"].get<double>());
}

TEST_CASE("validate accepts the price list and rejects a bad one, located", "[serving][economics][cli]") {
  CHECK(run_cli("validate platforms/prices.toml").status == 0);
  const auto bad = run_cli("validate tests/data/prices-bad-pue.toml");
  CHECK(bad.status == 2);
  CHECK_THAT(bad.out, Catch::Contains("prices-bad-pue.toml:"));
  CHECK_THAT(bad.out, Catch::Contains("electricity.pue"));
  const auto serve = run_cli(kServe + " --prices tests/data/prices-bad-pue.toml");
  CHECK(serve.status == 2);
  CHECK_THAT(serve.out, Catch::Contains("prices-bad-pue.toml:"));
}

TEST_CASE("serve --context 1048576: the KV cache sets the batch and the output states the prefill split", "[serving][kv][cli]") {
  const std::string args = "serve --platform platforms/cloudmatrix384.xml --workload workloads/deepseek-v4-flash.toml "
                           "--tpot-limit 50ms --context 1048576";
  const auto term = run_cli(args), js = run_cli(args + " --json");
  REQUIRE(js.status == 0);
  const auto j = nlohmann::json::parse(js.out);
  // (64e9 - 7,899,893,824 B) / (7,216 B x 1,048,576) = 7.414 per die -> 14 per NPU (tests/unit/test_kv_capacity.cpp).
  CHECK(j["decode_batch"]["max_per_npu_hbm"].get<long>() == 14);
  CHECK(j["decode_batch"]["per_npu"].get<long>() <= 14);
  // Prompt 1,048,576 - 256 = 1,048,320 tokens in chunks of 16,384 / 2 = 8,192 per die: 128 dies.
  CHECK(j["context"]["prompt_tokens"].get<long>() == 1048320);
  CHECK(j["context"]["prefill_split"]["context_parallel_dies"].get<long>() == 128);
  CHECK_THAT(term.out, Catch::Contains("context parallelism 128"));
  CHECK_THAT(term.out, Catch::Contains("7.41425 requests per die"));
  const auto bad = run_cli(args.substr(0, args.find("--context")) + "--context 100");
  CHECK(bad.status == 2);
  CHECK_THAT(bad.out, Catch::Contains("--context"));
}
