// Chip production from wafer math (seeds/000 section 2, REFERENCE.md section 1): good
// 910C-equivalents per month = advanced-node wafer starts per month (WPM) x share allocated to
// Ascend x good 910C-equivalents per wafer, ramped linearly from a start date, converted to
// packages of one chip type, capped by packaging and HBM, and delivered after a lead time.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "sim/config/param.hpp"
#include "sim/config/param_sampler.hpp"

namespace ascendsim {

// One chip generation's production line, as read from input (every number may be uncertain).
struct SupplyLine {
  std::string chip;                      // chip catalogue key, e.g. "ascend-950pr"
  Param wafer_starts_per_month;          // advanced-node WPM (all of China's advanced node)
  Param ascend_share;                    // fraction of those wafers allocated to this line
  Param good_910c_eq_per_wafer;          // good 910C-equivalents per wafer after all yields
  Param wafer_equivalent_per_chip{1.0};  // 910C-equivalents of wafer consumed per package
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

// Steady-state (full ramp, uncapped) 910C-equivalents per month: the seed-000 table's number.
double full_output_910c_eq_per_month(const SupplyLine& line, ParamSampler& values);

}  // namespace ascendsim
