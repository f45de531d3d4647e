// The price input of cost per token (kind = "prices", platforms/prices.toml): the all-in price of
// a chip-hour for each chip of the catalogue, the electricity price and the data centre's PUE.
// Every value carries a source or an `assumption` in the file (docs/serving.md "Cost per token").
#pragma once
#include <map>
#include <string>
#include <vector>

#include "sim/config/toml_reader.hpp"
#include "sim/platform/chip_catalogue.hpp"

namespace ascendsim {

inline constexpr const char* kDefaultPriceList = "platforms/prices.toml";

struct PriceList {
  std::string path;
  double electricity_usd_per_kWh = 0;
  double pue = 1;
  std::map<std::string, double> chip_hour_usd;  // by chip catalogue name
  bool has(const std::string& chip) const { return chip_hour_usd.count(chip) > 0; }
};

// Loads and validates the file: kind = "prices", [electricity] usd_per_kWh in [0, 10] and pue in
// [1, 3], [chips.NAME] chip_hour_usd in (0, 1000]; a NAME the catalogue lacks is a located error.
PriceList load_price_list(const std::string& path, const ChipCatalogue& catalogue,
                          std::vector<Override>* overrides = nullptr);

}  // namespace ascendsim
