// The training organisation's fleet: chips delivered by the supply lines times the share that
// reaches the organisation, plus an installed base by chip type, assembled into whole supernodes
// (384 chips for CloudMatrix384; the unit is an input per chip type). Pure arithmetic on dates.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "sim/config/param.hpp"
#include "sim/supply/wafer_supply.hpp"
#include "sim/config/param_sampler.hpp"

namespace ascendsim {

struct InstalledChips {
  std::string chip;
  long day = 0;   // usable from this day on
  Param chips;    // count
};

struct FleetSpec {
  Param org_share{1.0};                           // share of deliveries reaching the organisation
  std::string customer = "organisation";          // the organisation's name among the customers
  // The other named customers and their shares of every line's deliveries; "other" gets the rest,
  // 1 - org_share - their sum. When org_share leaves less than they ask for, they are scaled down
  // to 1 - org_share and "other" gets 0. Only the organisation's share builds the fleet.
  std::vector<std::pair<std::string, Param>> customers;
  std::map<std::string, long> supernode_chips;    // assembly unit per chip type (absent: 1)
  std::vector<InstalledChips> installed;
};

// One change in the usable fleet of a chip type.
struct FleetStep {
  long day = 0;             // first day on which the chips are usable
  long usable_chips = 0;    // total usable after this step (whole supernodes)
  long added_chips = 0;     // usable chips added on this day
};

class Fleet {
 public:
  // Builds the fleet from a scenario's production up to `until_day` (lines are computed with
  // `values`, the organisation's share too).
  static Fleet build(const SupplyScenario& supply, const FleetSpec& spec, ParamSampler& values, long until_day);
  // A fleet given directly (no supply model): dated chip arrivals per type, no share applied.
  static Fleet fixed(const std::map<std::string, std::vector<std::pair<long, double>>>& arrivals,
                     const std::map<std::string, long>& supernode_chips);

  // Chips of `chip` the organisation holds by the end of `day` (fractional: expected value).
  double org_chips(const std::string& chip, long day) const;
  long supernode_size(const std::string& chip) const;
  long supernodes(const std::string& chip, long day) const;     // whole supernodes assembled
  long usable_chips(const std::string& chip, long day) const;   // supernodes x unit
  // Every day on which the usable count of `chip` grows, up to `until_day` inclusive.
  std::vector<FleetStep> usable_schedule(const std::string& chip, long until_day) const;
  std::vector<std::string> chip_types() const;

 private:
  // Per chip type: (day usable, chips) sorted by day.
  std::map<std::string, std::vector<std::pair<long, double>>> arrivals_;
  std::map<std::string, long> unit_;
};

// Every customer's share at these values, the organisation first and "other" last (clamped at 0).
std::vector<std::pair<std::string, double>> customer_shares(const FleetSpec& spec, ParamSampler& values);

// Whole supernodes from a chip count: floor(chips / unit), with a tolerance for rounding.
long whole_supernodes(double chips, long unit);

}  // namespace ascendsim
