#include "sim/run/run_json.hpp"

#include "sim/util/date.hpp"

namespace ascendsim {

nlohmann::json run_result_json(const RunResult& r) {
  nlohmann::json by_cause = nlohmann::json::object();
  for (const auto& [cause, n] : r.interruptions_by_cause) by_cause[cause] = n;
  nlohmann::json releases = nlohmann::json::array();
  for (const auto& rel : r.releases)
    releases.push_back({{"round", rel.round}, {"date", format_date_floor(rel.day)}, {"day", rel.day}});
  nlohmann::json j{
      {"never_finishes", r.never_finishes},
      // From the run's start day (waiting for chips included) to the end of post-training: longer
      // than the calendar's pretraining phase (pretraining.wait_and_training_days) by post_training_days.
      {"through_post_training_days", r.duration_days},
      {"post_training_end_date", format_date_floor(r.end_day)},
      {"wait_for_chips_days", r.wait_for_chips_s / 86400.0},
      {"pretraining_days", r.pretraining_s / 86400.0},
      {"post_training_days", r.post_training_s / 86400.0},
      {"productive_days", r.productive_s / 86400.0},
      {"effective_training_ratio", r.effective_training_ratio},
      {"interruptions",
       {{"total", r.interruptions_total},
        {"unexpected", r.interruptions_unexpected},
        {"planned", r.interruptions_planned},
        {"by_cause", by_cause}}},
      {"lost_work_chip_hours", r.lost_work_chip_hours},
      {"checkpoint_overhead_s", r.checkpoint_overhead_s},
      {"checkpoints_written", r.checkpoints_written},
      {"checkpoint_interval_s", r.checkpoint_interval_s},
      {"checkpoint_interval_rule", r.checkpoint_interval_rule},
      {"checkpoint_blocking_s", r.checkpoint_blocking_s},
      {"checkpoint_persist_s", r.checkpoint_persist_s},
      {"downtime_s", r.downtime_s},
      {"chip_hours", r.chip_hours},
      {"chip_hours_per_trillion_tokens", r.chip_hours_per_trillion_tokens},
      {"goodput", r.goodput},
      {"initial_chips", r.initial_chips},
      {"final_chips", r.final_chips},
      {"releases", releases}};
  // Rates per day of pretraining wall time, so a published count over a snapshot window (Llama 3:
  // 419 unexpected interruptions in 54 days) compares with a run of any length.
  const double days = r.pretraining_s / 86400.0;
  j["interruptions"]["unexpected_per_day"] = days > 0 ? r.interruptions_unexpected / days : 0.0;
  j["interruptions"]["total_per_day"] = days > 0 ? r.interruptions_total / days : 0.0;
  if (r.never_finishes) j["never_reason"] = r.never_reason;
  return j;
}

}  // namespace ascendsim
