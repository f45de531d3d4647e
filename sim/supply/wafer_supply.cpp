// Wafer math per month: pool share (mix), ramp, conversion to packages, caps (min of three), lead time.
#include "sim/supply/wafer_supply.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/util/date.hpp"

namespace ascendsim {

double ramp_factor(double ramp_months, long month_index) {
  const double R = ramp_months;
  const double m = static_cast<double>(month_index);
  if (!(R > 0)) return 1.0;
  if (m >= R) return 1.0;
  if (m + 1 <= R) return (2 * m + 1) / (2 * R);           // integral of t/R over [m, m+1]
  return (R * R - m * m) / (2 * R) + (m + 1 - R);         // ramp ends inside the month
}

long add_months(long day, long months) {
  CivilDate c = civil_from_days(day);
  long total = static_cast<long>(c.year) * 12 + (c.month - 1) + months;
  const int year = static_cast<int>(std::floor(static_cast<double>(total) / 12.0));
  const int month = static_cast<int>(total - static_cast<long>(year) * 12) + 1;
  const long first = days_from_civil(CivilDate{year, month, 1});
  const long next_first = days_from_civil(CivilDate{month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1});
  const long length = next_first - first;
  return first + std::min<long>(c.day, length) - 1;
}

double good_chips_per_wafer(const SupplyLine& line, ParamSampler& values) {
  if (line.dies_per_wafer) {
    const double per_chip = values(line.dies_per_chip);
    return per_chip > 0 ? values(*line.dies_per_wafer) * values(*line.yield_fraction) / per_chip : 0.0;
  }
  const double per_chip = values(line.wafer_equivalent_per_chip);
  return per_chip > 0 ? values(line.good_910c_eq_per_wafer) / per_chip : 0.0;
}

double full_output_910c_eq_per_month(const SupplyLine& line, ParamSampler& values) {
  const double pool = values(line.wafer_starts_per_month) * values(line.ascend_share);
  if (line.dies_per_wafer) return pool * good_chips_per_wafer(line, values) * values(line.wafer_equivalent_per_chip);
  return pool * values(line.good_910c_eq_per_wafer);
}

double mix_share(const SupplyLine& line, ParamSampler& values, long day) {
  if (line.mix.empty()) return 1.0;
  const MixStep* step = nullptr;
  for (const MixStep& m : line.mix)
    if (m.day <= day) step = &m;
  if (!step) return 0.0;
  double sum = 0;
  for (const Param& p : step->entry) sum += values(p);
  const double share = values(step->share);
  return sum > 1.0 ? share / sum : share;
}

std::vector<SupplyMonth> line_production(const SupplyLine& line, ParamSampler& values, long until_day) {
  std::vector<SupplyMonth> out;
  const double full_eq = full_output_910c_eq_per_month(line, values);
  const double per_chip = values(line.wafer_equivalent_per_chip);
  const double pool_wafers = values(line.wafer_starts_per_month) * values(line.ascend_share);
  const double chips_per_wafer = good_chips_per_wafer(line, values);
  const long start = static_cast<long>(std::floor(values(line.start_day)));
  const double ramp = values(line.ramp_months);
  const double lead = values(line.lead_time_s) / 86400.0;
  const double no_cap = std::numeric_limits<double>::infinity();
  const double pack_cap = line.packaging_cap_per_month ? values(*line.packaging_cap_per_month) : no_cap;
  const double hbm_cap = line.hbm_cap_per_month ? values(*line.hbm_cap_per_month) : no_cap;
  for (long m = 0;; ++m) {
    SupplyMonth s;
    s.period_start_day = add_months(start, m);
    if (s.period_start_day >= until_day) break;
    s.period_end_day = add_months(start, m + 1);
    s.ramp_factor = ramp_factor(ramp, m);
    s.mix_share = mix_share(line, values, s.period_start_day);
    s.wafers = pool_wafers * s.mix_share * s.ramp_factor;
    if (line.dies_per_wafer) {
      s.wafer_limited_chips = s.wafers * chips_per_wafer;
      s.wafer_910c_eq = s.wafer_limited_chips * per_chip;
    } else {
      // Whole pool (no mix): exactly the seed-000 product full_eq x ramp.
      s.wafer_910c_eq = full_eq * s.mix_share * s.ramp_factor;
      s.wafer_limited_chips = per_chip > 0 ? s.wafer_910c_eq / per_chip : 0.0;
    }
    s.made_chips = s.wafer_limited_chips;
    s.binding = "wafers";
    if (pack_cap < s.made_chips) { s.made_chips = pack_cap; s.binding = "packaging"; }
    if (hbm_cap < s.made_chips) { s.made_chips = hbm_cap; s.binding = "hbm"; }
    s.arrival_day = static_cast<double>(s.period_end_day) + lead;
    out.push_back(s);
  }
  return out;
}

}  // namespace ascendsim
