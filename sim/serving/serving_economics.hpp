// Cost and energy per token from a per-chip rate (docs/serving.md "Cost per token"). Pure numbers:
// no files, no SimGrid. A chip-hour costs `chip_hour_usd` all in (a rental price), so a token costs
// the chip-time it uses: price / (tokens/s per chip x 3,600 s). Disaggregated serving splits the
// cost by the chip-time each phase uses: input tokens pay for prefill-chip time (prefill rate),
// output tokens for decode-chip time (decode rate). Energy is the chip's power plus its share of
// the server and rack (platforms/chips.toml), times the data centre's PUE, over the same chip-time.
#pragma once

namespace ascendsim {

struct ChipEconomics {
  double chip_hour_usd = 0;            // all-in price of one chip-hour (platforms/prices.toml)
  double power_per_chip_W = 0;         // package + host share per chip (chips.toml), before PUE; 0 = unknown
  double pue = 1;                      // facility power / IT power
  double electricity_usd_per_kWh = 0;  // only to say how much of the price is electricity
};

struct TokenCost {
  double tokens_per_s_per_chip = 0;
  double tokens_per_chip_hour = 0;       // tokens/s per chip x 3,600
  double chip_hours_per_million = 0;     // 1e6 / tokens_per_chip_hour
  double usd_per_million = 0;            // chip_hours_per_million x chip_hour_usd
  double kWh_per_million = 0;            // chip_hours_per_million x power_per_chip_W x PUE / 1,000 (at the meter)
  double electricity_usd_per_million = 0;  // kWh_per_million x usd_per_kWh: the part of usd_per_million that is power
};

// Cost of tokens served at `tokens_per_s_per_chip` (> 0; throws std::invalid_argument otherwise).
TokenCost token_cost(double tokens_per_s_per_chip, const ChipEconomics& e);

// A traffic mix with `output_share` of its tokens output (in [0, 1]): chip-hours, dollars and energy
// per million mixed tokens are the share-weighted sums of the two phases'.
TokenCost blend_token_cost(const TokenCost& input, const TokenCost& output, double output_share);

}  // namespace ascendsim
