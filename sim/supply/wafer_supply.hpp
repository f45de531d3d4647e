// Chip production from wafer math (seeds/000 section 2, REFERENCE.md section 1): good
// 910C-equivalents per month = advanced-node wafer starts per month (WPM) x share allocated to
// Ascend x good 910C-equivalents per wafer, ramped linearly from a start date, converted to
// packages of one chip type, capped by packaging and HBM, and delivered after a lead time.
// Several lines may share one pool of Ascend wafers (WPM x ascend_share): a dated mix schedule
// gives each line its share of the pool month by month (docs/supply-calendar.md).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "sim/config/param.hpp"
#include "sim/config/param_sampler.hpp"

namespace ascendsim {

// From `day` on (until the next step), this line gets `share` of the scenario's wafer pool.
// `entry` holds every line's share in the same dated entry: a Monte Carlo draw whose shares sum
// above 1 is scaled down to 1 (at nominal the loader rejects a sum above 1).
struct MixStep {
  long day = 0;
  Param share;
  std::vector<Param> entry;
};

// One chip generation's production line, as read from input (every number may be uncertain).
struct SupplyLine {
  std::string chip;                      // chip catalogue key, e.g. "ascend-950pr"
  Param wafer_starts_per_month;          // advanced-node WPM (all of China's advanced node)
  Param ascend_share;                    // fraction of those wafers allocated to this line
  Param good_910c_eq_per_wafer;          // good 910C-equivalents per wafer after all yields
  Param wafer_equivalent_per_chip{1.0};  // 910C-equivalents of wafer consumed per package
  // Alternative to good_910c_eq_per_wafer: good packages per wafer = dies_per_wafer x
  // yield_fraction / dies_per_chip (then 910C-eq made = packages x wafer_equivalent_per_chip).
  std::optional<Param> dies_per_wafer;   // candidate dies per 300 mm wafer
  std::optional<Param> yield_fraction;   // die, packaging and test yield combined
  Param dies_per_chip{1.0};              // dies in one package (910C: 2)
  std::vector<MixStep> mix;              // empty: the line has the whole of WPM x ascend_share
  Param start_day;                       // first day of wafer starts (days since 1970-01-01)
  Param ramp_months{0.0};                // months from start to full output, linear ramp
  Param lead_time_s{0.0};                // wafer start month's end -> deployable chip (seconds)
  std::optional<Param> packaging_cap_per_month;  // packages per month, if packaging binds
  std::optional<Param> hbm_cap_per_month;        // packages per month, if HBM stacks bind
};

// A named supply scenario: one or more lines (chip generations).
struct SupplyScenario {
  std::string name;
  std::vector<SupplyLine> lines;
};

// One month of one line. Month m covers [period_start_day, period_end_day): calendar months
// counted from the line's start date.
struct SupplyMonth {
  long period_start_day = 0;
  long period_end_day = 0;
  double ramp_factor = 0;         // mean of the linear ramp over the month, 0..1
  double mix_share = 1;           // this line's share of the wafer pool this month (1: no mix)
  double wafers = 0;              // WPM x ascend_share x mix_share x ramp_factor
  double wafer_910c_eq = 0;       // WPM x share x good per wafer x ramp_factor
  double wafer_limited_chips = 0; // wafer_910c_eq / wafer_equivalent_per_chip
  double made_chips = 0;          // min(wafer-limited, packaging cap, hbm cap)
  std::string binding;            // "wafers", "packaging" or "hbm"
  double arrival_day = 0;         // period_end_day + lead time: when these chips are deployable
};

// Mean over month m (0-based) of the ramp min(1, t / ramp_months), t in months since start.
// ramp_months = 0 means full output from the first month.
double ramp_factor(double ramp_months, long month_index);

// Adds `months` calendar months to a day (day of month clamped to the target month's length).
long add_months(long day, long months);

// Production of one line for every month whose period starts before `until_day`.
std::vector<SupplyMonth> line_production(const SupplyLine& line, ParamSampler& values, long until_day);

// Steady-state (full ramp, uncapped, whole pool) 910C-equivalents per month: the seed-000
// table's number.
double full_output_910c_eq_per_month(const SupplyLine& line, ParamSampler& values);
// Good packages per wafer: good_910c_eq_per_wafer / wafer_equivalent_per_chip, or
// dies_per_wafer x yield_fraction / dies_per_chip.
double good_chips_per_wafer(const SupplyLine& line, ParamSampler& values);
// The line's share of the pool on `day` (1 without a mix; 0 before the first step).
double mix_share(const SupplyLine& line, ParamSampler& values, long day);

}  // namespace ascendsim
