// Fleet assembly: deliveries x organisation share + installed base, in whole supernodes.
#include "sim/supply/fleet.hpp"

#include <algorithm>
#include <cmath>

namespace ascendsim {

long whole_supernodes(double chips, long unit) {
  if (unit <= 0 || !(chips > 0)) return 0;
  return static_cast<long>(std::floor(chips / static_cast<double>(unit) + 1e-9));
}

Fleet Fleet::build(const SupplyScenario& supply, const FleetSpec& spec, ParamSampler& values, long until_day) {
  Fleet f;
  f.unit_ = spec.supernode_chips;
  const double share = values(spec.org_share);
  for (const SupplyLine& line : supply.lines) {
    auto& v = f.arrivals_[line.chip];
    for (const SupplyMonth& m : line_production(line, values, until_day)) {
      // Usable on day D means arrived before the end of D: the day containing the arrival instant.
      v.emplace_back(static_cast<long>(std::floor(m.arrival_day)), m.made_chips * share);
    }
  }
  for (const InstalledChips& ic : spec.installed) f.arrivals_[ic.chip].emplace_back(ic.day, values(ic.chips));
  for (auto& [chip, v] : f.arrivals_)
    std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return f;
}

std::vector<std::pair<std::string, double>> customer_shares(const FleetSpec& spec, ParamSampler& values) {
  const double org = values(spec.org_share);
  std::vector<std::pair<std::string, double>> out{{spec.customer, org}};
  double named = 0;
  for (const auto& [name, share] : spec.customers) {
    out.emplace_back(name, values(share));
    named += out.back().second;
  }
  // The organisation's share is the input under question (swept, searched): when it leaves less
  // than the named customers ask for, they are scaled down to what is left and "other" gets 0.
  const double left = std::max(0.0, 1.0 - org);
  if (named > left)
    for (std::size_t i = 1; i < out.size(); ++i) out[i].second *= left / named;
  out.emplace_back("other", std::max(0.0, left - std::min(named, left)));
  return out;
}

Fleet Fleet::fixed(const std::map<std::string, std::vector<std::pair<long, double>>>& arrivals,
                   const std::map<std::string, long>& supernode_chips) {
  Fleet f;
  f.arrivals_ = arrivals;
  f.unit_ = supernode_chips;
  for (auto& [chip, v] : f.arrivals_)
    std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return f;
}

double Fleet::org_chips(const std::string& chip, long day) const {
  auto it = arrivals_.find(chip);
  if (it == arrivals_.end()) return 0;
  double total = 0;
  for (const auto& [d, n] : it->second) {
    if (d > day) break;
    total += n;
  }
  return total;
}

long Fleet::supernode_size(const std::string& chip) const {
  auto it = unit_.find(chip);
  return it == unit_.end() ? 1 : it->second;
}

long Fleet::supernodes(const std::string& chip, long day) const {
  return whole_supernodes(org_chips(chip, day), supernode_size(chip));
}

long Fleet::usable_chips(const std::string& chip, long day) const {
  return supernodes(chip, day) * supernode_size(chip);
}

std::vector<FleetStep> Fleet::usable_schedule(const std::string& chip, long until_day) const {
  std::vector<FleetStep> out;
  auto it = arrivals_.find(chip);
  if (it == arrivals_.end()) return out;
  long last = 0;
  for (std::size_t i = 0; i < it->second.size(); ++i) {
    const long day = it->second[i].first;
    if (day > until_day) break;
    if (i + 1 < it->second.size() && it->second[i + 1].first == day) continue;  // same day: sum first
    const long usable = usable_chips(chip, day);
    if (usable > last) out.push_back(FleetStep{day, usable, usable - last});
    last = usable;
  }
  return out;
}

std::vector<std::string> Fleet::chip_types() const {
  std::vector<std::string> out;
  for (const auto& [chip, v] : arrivals_) out.push_back(chip);
  return out;
}

}  // namespace ascendsim
