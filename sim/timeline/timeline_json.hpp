// JSON forms of the calendar and uncertainty results, so every command and report prints the same
// keys: milestones[] {name, date, start, finish_day, slack_days, limit, critical, ...}, verdict,
// montecarlo {p_fit, milestones[] with p10/p50/p90 dates}, sensitivity[] (tornado rows).
#pragma once
#include <nlohmann/json.hpp>

#include "sim/timeline/calendar.hpp"
#include "sim/timeline/montecarlo.hpp"
#include "sim/timeline/sensitivity.hpp"

namespace ascendsim {

// {"milestones": [...], "critical_path": [...], "verdict": {"fits", "margin_days", "worst"}, "final": {...}}
nlohmann::json schedule_json(const Schedule& s);
// {"draws", "p_fit", "margin_days": {p10, p50, p90}, "milestones": [{name, p10, p50, p90, p_on_time}]}
nlohmann::json sweep_json(const SweepSummary& s);
// [{"input", "nominal", "low", "high", "outcome_low", "outcome_high", "swing_days"}], largest first
nlohmann::json sensitivity_json(const SensitivityResult& r);

}  // namespace ascendsim
