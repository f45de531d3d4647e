// See serving_economics_report.hpp. Terminal numbers are printed with 6 significant digits so a
// reader (and the integration test) can match them to the JSON.
#include "sim/cli/serving_economics_report.hpp"

#include <cstdio>

#include "sim/platform/chip_catalogue.hpp"
#include "sim/serving/price_list.hpp"

namespace ascendsim::cli {

EconomicsReport economics_report(const std::string& prices_file, const std::string& catalogue, const Chip& chip,
                                 double input_rate, double output_rate, double output_share, const std::string& mix_label) {
  EconomicsReport r;
  r.chip = chip.name;
  r.prices_file = prices_file;
  const ChipCatalogue cat = load_chip_catalogue(catalogue);
  // A chip added by a platform spec is not in the default catalogue: accept its name anyway.
  ChipCatalogue with_chip = cat;
  with_chip.chips.emplace(chip.name, chip);
  const PriceList prices = load_price_list(prices_file, with_chip);
  if (!prices.has(chip.name)) {
    r.note = "no chip-hour price for " + chip.name + " in " + prices_file + ": cost per token not reported";
    return r;
  }
  r.priced = true;
  r.econ.chip_hour_usd = prices.chip_hour_usd.at(chip.name);
  r.econ.pue = prices.pue;
  r.econ.electricity_usd_per_kWh = prices.electricity_usd_per_kWh;
  r.econ.power_per_chip_W = chip.power_per_chip_W();
  r.has_energy = chip.has_power();
  if (!r.has_energy) r.note = "the chip catalogue gives no power for " + chip.name + ": energy not reported";
  if (input_rate > 0) r.input = token_cost(input_rate, r.econ);
  if (output_rate > 0) r.output = token_cost(output_rate, r.econ);
  r.output_share = output_share;
  r.mix_label = mix_label;
  if (r.input && r.output) r.mix = blend_token_cost(*r.input, *r.output, output_share);
  else if (r.output && output_share == 1) r.mix = r.output;
  return r;
}

namespace {

nlohmann::json cost_json(const TokenCost& c, bool energy) {
  nlohmann::json j = {{"tokens_per_s_per_chip", c.tokens_per_s_per_chip},
                      {"tokens_per_chip_hour", c.tokens_per_chip_hour},
                      {"chip_hours_per_million_tokens", c.chip_hours_per_million},
                      {"usd_per_million_tokens", c.usd_per_million}};
  if (energy) {
    j["kWh_per_million_tokens"] = c.kWh_per_million;
    j["electricity_usd_per_million_tokens"] = c.electricity_usd_per_million;
  }
  return j;
}

void print_cost(const char* what, const TokenCost& c, bool energy, const char* whose) {
  std::printf("    %s: %.6g tokens per chip-hour, $%.6g per M tokens", what, c.tokens_per_chip_hour, c.usd_per_million);
  if (energy) std::printf(", %.6g kWh per M tokens ($%.6g of it electricity)", c.kWh_per_million, c.electricity_usd_per_million);
  std::printf(" (%s)\n", whose);
}

}  // namespace

nlohmann::json economics_json(const EconomicsReport& r) {
  nlohmann::json j;
  j["prices_file"] = r.prices_file;
  if (!r.note.empty()) j["note"] = r.note;
  if (!r.priced) return j;
  j["chip_hour_usd"] = r.econ.chip_hour_usd;
  j["pue"] = r.econ.pue;
  j["electricity_usd_per_kWh"] = r.econ.electricity_usd_per_kWh;
  if (r.has_energy) j["power_per_chip_W"] = r.econ.power_per_chip_W;
  j["split"] = "by chip-time: input tokens pay for prefill-chip time, output tokens for decode-chip time";
  if (r.input) j["input"] = cost_json(*r.input, r.has_energy);
  if (r.output) j["output"] = cost_json(*r.output, r.has_energy);
  if (r.mix) {
    j["mix"] = cost_json(*r.mix, r.has_energy);
    j["mix"]["output_share"] = r.output_share;
    j["mix"]["of"] = r.mix_label;
  }
  return j;
}

void print_economics(const EconomicsReport& r) {
  if (!r.priced) { std::printf("  cost: %s\n", r.note.c_str()); return; }
  std::printf("  cost at $%.6g per %s chip-hour", r.econ.chip_hour_usd, r.chip.c_str());
  if (r.has_energy)
    std::printf(", %.6g W per chip x PUE %.6g, $%.6g per kWh", r.econ.power_per_chip_W, r.econ.pue,
                r.econ.electricity_usd_per_kWh);
  std::printf(" (%s):\n", r.prices_file.c_str());
  if (r.output) print_cost("output", *r.output, r.has_energy, "decode-chip time");
  if (r.input) print_cost("input", *r.input, r.has_energy, "prefill-chip time");
  if (r.mix) {
    const std::string label = "mix " + r.mix_label;
    print_cost(label.c_str(), *r.mix, r.has_energy, "share-weighted");
  }
  if (!r.note.empty()) std::printf("  note: %s\n", r.note.c_str());
}

}  // namespace ascendsim::cli
