// Cost per token (issue 16 item 5): chip power in the catalogue, the price list, and the pure
// cost model, each against numbers worked out by hand.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "sim/platform/chip_catalogue.hpp"
#include "sim/serving/price_list.hpp"
#include "sim/serving/serving_economics.hpp"

using namespace ascendsim;

namespace {
std::string write_temp(const std::string& name, const std::string& text) {
  const auto dir = std::filesystem::temp_directory_path() / "ascendsim_economics_tests";
  std::filesystem::create_directories(dir);
  const auto path = (dir / name).string();
  std::ofstream(path) << text;
  return path;
}
std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}
// A one-chip catalogue; line 12 is the power line the tests vary.
std::string catalogue_with(const std::string& power_lines) {
  return "kind = \"chips\"\n[efficiency]\nmatmul = \"50%\"\nhbm = \"80%\"\nnetwork = \"80%\"\n[chips.x]\n"
         "available = 2025-01-01\nhbm_capacity = \"64GB\"\nhbm_bandwidth = \"1TBps\"\nscaleup_bandwidth = \"100GBps\"\n"
         "scaleout_bandwidth = \"1Gbps\"\n" + power_lines +
         "gemm_cores = 8\ngemm_tile_m = 128\ngemm_tile_n = 128\ngemm_min_tile_m = 16\n[chips.x.peak]\nBF16 = \"1PFLOPS\"\n";
}
}  // namespace

TEST_CASE("Every shipped chip gives its power, the H100 the datasheet figure", "[serving][economics]") {
  const ChipCatalogue cat = load_chip_catalogue();
  for (const auto& [name, chip] : cat.chips) {
    INFO(name);
    CHECK(chip.has_power());
    CHECK(chip.host_power_per_chip_W >= 0);
  }
  // NVIDIA H100 datasheet 700 W; DGX H100 10.2 kW for 8 GPUs -> 1,275 W per GPU all in.
  CHECK(cat.find("nvidia-h100").power_per_chip_W() == Approx(10200.0 / 8));
  // CloudMatrix384 about 559 kW / 384 NPUs = 1,455.7 W per NPU (the file rounds to 700 + 756 W).
  CHECK(cat.find("ascend-910c").power_per_chip_W() == Approx(559000.0 / 384).epsilon(0.001));
}

TEST_CASE("Chip power: both keys or neither, positive numbers, located errors", "[serving][economics]") {
  const auto ok = write_temp("power-ok.toml", catalogue_with("chip_power_W = 500\nhost_power_per_chip_W = 250\n"));
  CHECK(load_chip_catalogue(ok).find("x").power_per_chip_W() == Approx(750));
  const auto none = write_temp("power-none.toml", catalogue_with(""));
  CHECK_FALSE(load_chip_catalogue(none).find("x").has_power());
  const auto half = write_temp("power-half.toml", catalogue_with("chip_power_W = 500\n"));
  const std::string m1 = error_of([&] { load_chip_catalogue(half); });
  CHECK_THAT(m1, Catch::Contains("power-half.toml"));
  CHECK_THAT(m1, Catch::Contains("chips.x.host_power_per_chip_W"));
  CHECK_THAT(m1, Catch::Contains("come together"));
  const auto neg = write_temp("power-neg.toml", catalogue_with("chip_power_W = -5\nhost_power_per_chip_W = 250\n"));
  const std::string m2 = error_of([&] { load_chip_catalogue(neg); });
  CHECK_THAT(m2, Catch::Contains("power-neg.toml:12"));
  CHECK_THAT(m2, Catch::Contains("chips.x.chip_power_W"));
  const auto text = write_temp("power-text.toml", catalogue_with("chip_power_W = \"700W\"\nhost_power_per_chip_W = 1\n"));
  CHECK_THAT(error_of([&] { load_chip_catalogue(text); }), Catch::Contains("expected a number"));
}

TEST_CASE("Price list: shipped file, located errors", "[serving][economics]") {
  const ChipCatalogue cat = load_chip_catalogue();
  const PriceList p = load_price_list(kDefaultPriceList, cat);
  for (const auto& name : cat.names()) {
    INFO(name);
    CHECK(p.has(name));
  }
  CHECK(p.chip_hour_usd.at("nvidia-h800") == Approx(2.0));  // DeepSeek-V3 report's US$2 per H800 GPU-hour
  const auto unknown = write_temp("prices-unknown.toml",
                                  "kind = \"prices\"\n[electricity]\nusd_per_kWh = 0.1\npue = 1.2\n[chips.no-such-chip]\n"
                                  "chip_hour_usd = 1\n");
  const std::string m1 = error_of([&] { load_price_list(unknown, cat); });
  CHECK_THAT(m1, Catch::Contains("prices-unknown.toml:5"));
  CHECK_THAT(m1, Catch::Contains("unknown chip \"no-such-chip\""));
  const auto pue = write_temp("prices-pue.toml",
                              "kind = \"prices\"\n[electricity]\nusd_per_kWh = 0.1\npue = 0.9\n[chips.ascend-910c]\n"
                              "chip_hour_usd = 1\n");
  const std::string m2 = error_of([&] { load_price_list(pue, cat); });
  CHECK_THAT(m2, Catch::Contains("prices-pue.toml:4"));
  CHECK_THAT(m2, Catch::Contains("electricity.pue"));
  const auto typo = write_temp("prices-typo.toml",
                               "kind = \"prices\"\n[electricity]\nusd_per_kWh = 0.1\npue = 1.2\n[chips.ascend-910c]\n"
                               "chip_hour_cny = 10\n");
  const std::string m3 = error_of([&] { load_price_list(typo, cat); });
  CHECK_THAT(m3, Catch::Contains("chips.ascend-910c.chip_hour_usd"));
  CHECK_THAT(m3, Catch::Contains("chip_hour_cny"));
}

TEST_CASE("Cost per million tokens worked out by hand", "[serving][economics]") {
  // CloudMatrix384 decode at the paper's 1,943 output tokens/s per NPU (arXiv 2506.12708), at
  // US$1.50 per NPU-hour, 1,456 W per NPU, PUE 1.3, US$0.08/kWh:
  //   tokens per chip-hour = 1,943 x 3,600 = 6,994,800
  //   chip-hours per M     = 1e6 / 6,994,800 = 0.142963
  //   US$ per M            = 0.142963 x 1.50 = 0.214445
  //   kWh per M            = 0.142963 h x 1.456 kW x 1.3 = 0.270601
  //   electricity per M    = 0.270601 x 0.08 = US$0.0216481
  const ChipEconomics e{1.50, 1456, 1.3, 0.08};
  const TokenCost out = token_cost(1943, e);
  CHECK(out.tokens_per_chip_hour == Approx(6994800));
  CHECK(out.chip_hours_per_million == Approx(0.142963).epsilon(1e-5));
  CHECK(out.usd_per_million == Approx(0.214445).epsilon(1e-5));
  CHECK(out.kWh_per_million == Approx(0.270601).epsilon(1e-5));
  CHECK(out.electricity_usd_per_million == Approx(0.0216481).epsilon(1e-5));
  // Prefill at 5,655 input tokens/s per NPU (the paper's prefill rate): US$1.50 / (5,655 x 3,600) x 1e6
  // = US$0.0736811 per M input tokens. A 4,096 : 256 request mix (256 / 4,352 = 5.882% output):
  // 0.941176 x 0.0736811 + 0.0588235 x 0.214445 = 0.0693469 + 0.0126144 = US$0.0819613 per M tokens.
  const TokenCost in = token_cost(5655, e);
  CHECK(in.usd_per_million == Approx(0.0736811).epsilon(1e-5));
  const TokenCost mix = blend_token_cost(in, out, 256.0 / 4352.0);
  CHECK(mix.usd_per_million == Approx(0.0819613).epsilon(1e-5));
  // The mix's tokens per chip-hour is its chip-time's inverse: 1e6 / (0.0819613 / 1.50) = 18.3013 M.
  CHECK(mix.tokens_per_chip_hour == Approx(1e6 / (0.0819613 / 1.50)).epsilon(1e-5));
  CHECK_THROWS_AS(token_cost(0, e), std::invalid_argument);
  CHECK_THROWS_AS(blend_token_cost(in, out, 1.5), std::invalid_argument);
}
