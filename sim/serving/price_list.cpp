// See price_list.hpp.
#include "sim/serving/price_list.hpp"

namespace ascendsim {

PriceList load_price_list(const std::string& path, const ChipCatalogue& cat, std::vector<Override>* overrides) {
  TomlDocument doc = TomlDocument::load(path, overrides);
  Section root = doc.root();
  PriceList p;
  p.path = path;
  root.choice("kind", {"prices"});
  const Section power = root.table("electricity");
  p.electricity_usd_per_kWh = power.number("usd_per_kWh", 0, 10);
  p.pue = power.number("pue", 1, 3);
  const Section chips = root.table("chips");
  for (const auto& name : chips.keys()) {
    if (name == "source" || name == "assumption" || name == "note") continue;
    const Section c = chips.table(name);
    if (!cat.chips.count(name)) {
      std::string known;
      for (const auto& n : cat.names()) known += (known.empty() ? "" : ", ") + n;
      chips.error(name, "unknown chip \"" + name + "\" (not in the chip catalogue " + cat.path + "); known chips: " + known);
    }
    p.chip_hour_usd[name] = c.number("chip_hour_usd", 1e-6, 1000);
  }
  if (p.chip_hour_usd.empty() && !root.failed()) root.error("chips", "no chip prices given");
  doc.finish();
  return p;
}

}  // namespace ascendsim
