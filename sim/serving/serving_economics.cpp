// See serving_economics.hpp. Example (tests/unit/test_serving_economics.cpp): 1,943 output tokens/s
// per NPU = 6,994,800 tokens per chip-hour; at US$1.50 per chip-hour a million tokens take
// 0.14296 chip-hours = US$0.2144.
#include "sim/serving/serving_economics.hpp"

#include <cmath>
#include <stdexcept>

namespace ascendsim {

TokenCost token_cost(double tokens_per_s_per_chip, const ChipEconomics& e) {
  if (!(tokens_per_s_per_chip > 0) || !std::isfinite(tokens_per_s_per_chip))
    throw std::invalid_argument("token_cost: expected a positive rate per chip");
  TokenCost c;
  c.tokens_per_s_per_chip = tokens_per_s_per_chip;
  c.tokens_per_chip_hour = tokens_per_s_per_chip * 3600.0;
  c.chip_hours_per_million = 1e6 / c.tokens_per_chip_hour;
  c.usd_per_million = c.chip_hours_per_million * e.chip_hour_usd;
  c.kWh_per_million = c.chip_hours_per_million * e.power_per_chip_W * e.pue / 1000.0;
  c.electricity_usd_per_million = c.kWh_per_million * e.electricity_usd_per_kWh;
  return c;
}

TokenCost blend_token_cost(const TokenCost& in, const TokenCost& out, double s) {
  if (!(s >= 0 && s <= 1)) throw std::invalid_argument("blend_token_cost: expected an output share in [0, 1]");
  TokenCost c;
  auto mix = [s](double a, double b) { return (1 - s) * a + s * b; };
  c.chip_hours_per_million = mix(in.chip_hours_per_million, out.chip_hours_per_million);
  c.tokens_per_chip_hour = 1e6 / c.chip_hours_per_million;
  c.tokens_per_s_per_chip = c.tokens_per_chip_hour / 3600.0;
  c.usd_per_million = mix(in.usd_per_million, out.usd_per_million);
  c.kWh_per_million = mix(in.kWh_per_million, out.kWh_per_million);
  c.electricity_usd_per_million = mix(in.electricity_usd_per_million, out.electricity_usd_per_million);
  return c;
}

}  // namespace ascendsim
