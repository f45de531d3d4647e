// Dates are printed as the calendar day containing the instant (format_date_floor); day numbers
// are kept alongside (fractional days since 1970-01-01) so nothing is lost to rounding.
#include "sim/timeline/timeline_json.hpp"

#include "sim/util/date.hpp"

namespace ascendsim {

nlohmann::json schedule_json(const Schedule& s) {
  nlohmann::json ms = nlohmann::json::array();
  for (const auto& n : s.nodes) {
    nlohmann::json j{{"name", n.name},
                     {"kind", n.milestone ? "milestone" : "phase"},
                     {"start", format_date_floor(n.start_day)},
                     {"date", format_date_floor(n.finish_day)},
                     {"start_day", n.start_day},
                     {"finish_day", n.finish_day},
                     {"duration_days", n.duration_days},
                     {"driver", n.driver},
                     {"critical", n.critical}};
    if (!n.slid_by.empty()) j["slid_by"] = n.slid_by;
    if (n.limit_day) {
      j["limit"] = format_date_floor(*n.limit_day);
      j["limit_kind"] = n.limit_kind;
      j["slack_days"] = *n.slack_days;
    } else {
      j["slack_days"] = nullptr;
    }
    ms.push_back(j);
  }
  nlohmann::json verdict{{"fits", s.fits}, {"worst", s.worst_node}};
  verdict["margin_days"] = s.margin_days ? nlohmann::json(*s.margin_days) : nlohmann::json(nullptr);
  return {{"milestones", ms},
          {"critical_path", s.critical_path},
          {"verdict", verdict},
          {"final", {{"name", s.final_milestone}, {"date", format_date_floor(s.final_day)}, {"day", s.final_day}}}};
}

nlohmann::json sweep_json(const SweepSummary& s) {
  nlohmann::json ms = nlohmann::json::array();
  for (const auto& m : s.milestones) {
    nlohmann::json j{{"name", m.name},
                     {"p10", format_date_floor(m.p10_day)},
                     {"p50", format_date_floor(m.p50_day)},
                     {"p90", format_date_floor(m.p90_day)},
                     {"p10_day", m.p10_day},
                     {"p50_day", m.p50_day},
                     {"p90_day", m.p90_day}};
    j["p_on_time"] = m.p_on_time ? nlohmann::json(*m.p_on_time) : nlohmann::json(nullptr);
    ms.push_back(j);
  }
  return {{"draws", s.draws},
          {"p_fit", s.p_fit},
          {"margin_days", {{"p10", s.margin_p10}, {"p50", s.margin_p50}, {"p90", s.margin_p90}}},
          {"milestones", ms}};
}

nlohmann::json sensitivity_json(const SensitivityResult& r) {
  // Input values in the unit named by "unit" (base units: s, B, B/s, FLOP/s; "" for counts and
  // fractions), dates as ISO strings; outcomes as the date of the final milestone and its shift.
  nlohmann::json out = nlohmann::json::array();
  for (const auto& b : r.bars) {
    auto value = [&](double v) -> nlohmann::json {
      if (b.dim == Dimension::Date) return format_date_floor(v);
      return v;
    };
    out.push_back({{"input", b.key_path},
                   {"unit", b.dim == Dimension::Date ? "date" : dimension_unit(b.dim)},
                   {"nominal", value(b.nominal_value)},
                   {"low", value(b.low_value)},
                   {"high", value(b.high_value)},
                   {"outcome_low_date", format_date_floor(b.outcome_low)},
                   {"outcome_high_date", format_date_floor(b.outcome_high)},
                   {"shift_low_days", b.outcome_low - r.baseline},
                   {"shift_high_days", b.outcome_high - r.baseline},
                   {"swing_days", b.swing}});
  }
  return {{"baseline_date", format_date_floor(r.baseline)}, {"bars", out}};
}

}  // namespace ascendsim
