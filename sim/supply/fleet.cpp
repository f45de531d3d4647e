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
    f.arrivals_[line.chip];  // a line that makes nothing before until_day still names its chip
    f.by_pool_[kSupplyPool][line.chip];
    for (const SupplyMonth& m : line_production(line, values, until_day)) {
      // Usable on day D means arrived before the end of D: the day containing the arrival instant.
      f.push(kSupplyPool, line.chip, static_cast<long>(std::floor(m.arrival_day)), m.made_chips * share);
    }
  }
  for (const InstalledChips& ic : spec.installed) f.push(ic.pool, ic.chip, ic.day, values(ic.chips));
  f.sort_arrivals();
  return f;
}

void Fleet::push(const std::string& pool, const std::string& chip, long day, double chips) {
  arrivals_[chip].emplace_back(day, chips);
  by_pool_[pool][chip].emplace_back(day, chips);
}

void Fleet::add(const std::string& pool, const std::string& chip, long day, double chips) {
  push(pool, chip, day, chips);
  sort_arrivals();
}

void Fleet::add_rented(const RentedPool& r) {
  if (!unit_.count(r.chip)) unit_[r.chip] = r.supernode_chips;
  add(r.pool, r.chip, r.from_day, static_cast<double>(r.chips()));
}

void Fleet::sort_arrivals() {
  auto by_day = [](const auto& a, const auto& b) { return a.first < b.first; };
  for (auto& [chip, v] : arrivals_) std::stable_sort(v.begin(), v.end(), by_day);
  for (auto& [pool, chips] : by_pool_)
    for (auto& [chip, v] : chips) std::stable_sort(v.begin(), v.end(), by_day);
}

void Fleet::rebuild_totals() {
  std::map<std::string, std::vector<std::pair<long, double>>> totals;
  for (const auto& [chip, v] : arrivals_) totals[chip];  // keep every chip type named
  for (const auto& [pool, chips] : by_pool_)
    for (const auto& [chip, v] : chips) totals[chip].insert(totals[chip].end(), v.begin(), v.end());
  arrivals_ = std::move(totals);
  sort_arrivals();
}

void Fleet::cap_power(const std::vector<std::string>& pools, double power_W,
                      const std::map<std::string, double>& watts_per_chip) {
  struct Item {
    long day;
    std::size_t order;
    std::pair<long, double>* arrival;
    double w;
  };
  std::vector<Item> items;
  for (std::size_t i = 0; i < pools.size(); ++i) {
    auto it = by_pool_.find(pools[i]);
    if (it == by_pool_.end()) continue;
    for (auto& [chip, v] : it->second) {
      auto w = watts_per_chip.find(chip);
      const double watts = w == watts_per_chip.end() ? 0.0 : w->second;
      for (auto& a : v) items.push_back(Item{a.first, i, &a, watts});
    }
  }
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    return a.day != b.day ? a.day < b.day : a.order < b.order;
  });
  double left_W = std::max(0.0, power_W);
  for (Item& it : items) {
    if (!(it.w > 0)) continue;  // no power figure: not capped (the loader refuses such chips at a site)
    const double fits = std::floor(left_W / it.w + 1e-9);
    const double keep = std::min(it.arrival->second, fits);
    it.arrival->second = keep;
    left_W = std::max(0.0, left_W - keep * it.w);
  }
  rebuild_totals();
}

Fleet Fleet::only(const std::vector<std::string>& pools) const {
  if (pools.empty()) return *this;
  Fleet f;
  f.unit_ = unit_;
  for (const std::string& pool : pools) {
    auto it = by_pool_.find(pool);
    if (it == by_pool_.end()) continue;
    f.by_pool_[pool] = it->second;
    for (const auto& [chip, v] : it->second) {
      auto& all = f.arrivals_[chip];
      all.insert(all.end(), v.begin(), v.end());
    }
  }
  f.sort_arrivals();
  return f;
}

std::vector<std::string> Fleet::pools() const {
  std::vector<std::string> out;
  for (const auto& [pool, chips] : by_pool_) out.push_back(pool);
  return out;
}

std::vector<std::string> Fleet::chip_types_in(const std::vector<std::string>& pools) const {
  if (pools.empty()) return chip_types();
  std::vector<std::string> out;
  for (const std::string& pool : pools) {
    auto it = by_pool_.find(pool);
    if (it == by_pool_.end()) continue;
    for (const auto& [chip, v] : it->second)
      if (std::find(out.begin(), out.end(), chip) == out.end()) out.push_back(chip);
  }
  std::sort(out.begin(), out.end());
  return out;
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
  for (const auto& [chip, v] : arrivals) f.by_pool_[kFixedPool][chip] = v;
  f.unit_ = supernode_chips;
  f.sort_arrivals();
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
