// Cost per token for `serve` and `demand`: looks the chip up in the price list and the catalogue,
// computes with the pure model (sim/serving/serving_economics.hpp), and renders the SAME numbers as
// JSON and as terminal lines (tests/integration/test_serving_economics_cli.cpp compares the two).
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "sim/platform/chip.hpp"
#include "sim/serving/serving_economics.hpp"

namespace ascendsim::cli {

struct EconomicsReport {
  bool priced = false;       // false: the price list has no price for the chip (note says why)
  std::string note;
  std::string chip, prices_file;
  ChipEconomics econ;
  bool has_energy = false;   // the catalogue gives the chip's power
  std::optional<TokenCost> input, output, mix;  // per prefill-chip rate, per decode-chip rate, traffic mix
  double output_share = 0;   // of the mix
  std::string mix_label;     // what the mix is ("deployment's 4096:256 request", "--output-share 0.2")
};

// input_rate / output_rate: input tokens/s per prefill chip and output tokens/s per decode chip (<= 0:
// that phase is not reported). `catalogue` names the chips the price list may price. Throws InputError
// for a bad price file.
EconomicsReport economics_report(const std::string& prices_file, const std::string& catalogue, const Chip& chip,
                                 double input_rate,
                                 double output_rate, double output_share, const std::string& mix_label);

nlohmann::json economics_json(const EconomicsReport& r);
void print_economics(const EconomicsReport& r);

inline constexpr const char* kPricesHelp =
    "price list (kind = \"prices\": chip-hour price per chip, electricity, PUE) for cost per token "
    "(default platforms/prices.toml)";

}  // namespace ascendsim::cli
