// The training organisation's fleet: chips delivered by the supply lines times the share that
// reaches the organisation, plus an installed base by chip type and capacity rented from a cloud,
// assembled into whole supernodes (384 chips for CloudMatrix384; the unit is an input per chip
// type). Every arrival belongs to a named pool ("supply" for deliveries, "fleet" for a fixed
// fleet, the installed and rented entries' names), so a phase can be restricted to the pools the
// scenario lets it use (Fleet::only). Pure arithmetic on dates.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "sim/config/param.hpp"
#include "sim/supply/wafer_supply.hpp"
#include "sim/config/param_sampler.hpp"

namespace ascendsim {

struct InstalledChips {
  std::string pool = "installed";  // the pool's name (phases name the pools they may use)
  std::string chip;
  long day = 0;   // usable from this day on
  Param chips;    // count
};

// Capacity rented from a cloud: whole supernodes of one chip type, available from a date, at most
// `supernodes` of them (the cloud's cap for this customer), at a price per chip-hour.
struct RentedPool {
  std::string pool;          // the pool's name
  std::string chip;
  long from_day = 0;         // rentable from this day on
  long supernodes = 0;       // cap
  long supernode_chips = 1;  // chips per rented supernode
  Param chip_hour_usd{0.0};  // rental price per chip-hour
  long chips() const { return supernodes * supernode_chips; }
};

// Names of the pools of a fleet built from deliveries (Fleet::build) or given directly (Fleet::fixed).
inline constexpr const char* kSupplyPool = "supply";
inline constexpr const char* kFixedPool = "fleet";

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

  // Adds chips of `chip` usable from `day` on, to the pool `pool`.
  void add(const std::string& pool, const std::string& chip, long day, double chips);
  // Adds a rented pool: its whole supernodes from its date (the cap: the job rents what it can use).
  void add_rented(const RentedPool& r);
  // A datacenter site's power cap over some pools: their chips are taken in arrival order (pools
  // in the order given on one day) at `watts_per_chip` each (chip + host share, by chip type) until
  // `power_W` is used; later chips, or the part of a delivery beyond the cap, are not usable.
  void cap_power(const std::vector<std::string>& pools, double power_W, const std::map<std::string, double>& watts_per_chip);
  // The same fleet restricted to these pools (empty list: every pool). Supernode units are kept.
  Fleet only(const std::vector<std::string>& pools) const;
  std::vector<std::string> pools() const;
  // Chip types that the given pools hold (any date; empty list: every pool).
  std::vector<std::string> chip_types_in(const std::vector<std::string>& pools) const;

 private:
  void push(const std::string& pool, const std::string& chip, long day, double chips);  // unsorted
  void sort_arrivals();
  void rebuild_totals();  // arrivals_ from by_pool_
  // Per chip type: (day usable, chips) sorted by day, over every pool.
  std::map<std::string, std::vector<std::pair<long, double>>> arrivals_;
  // Per pool, per chip type: the same arrivals, for Fleet::only.
  std::map<std::string, std::map<std::string, std::vector<std::pair<long, double>>>> by_pool_;
  std::map<std::string, long> unit_;
};

// Every customer's share at these values, the organisation first and "other" last (clamped at 0).
std::vector<std::pair<std::string, double>> customer_shares(const FleetSpec& spec, ParamSampler& values);

// Whole supernodes from a chip count: floor(chips / unit), with a tolerance for rounding.
long whole_supernodes(double chips, long unit);

}  // namespace ascendsim
