#include "sim/run/run_json.hpp"

#include <map>
#include <string>
#include <vector>

#include "sim/util/date.hpp"

namespace ascendsim {

nlohmann::json run_result_json(const RunResult& r) {
  nlohmann::json by_cause = nlohmann::json::object();
  for (const auto& [cause, n] : r.interruptions_by_cause) by_cause[cause] = n;
  nlohmann::json releases = nlohmann::json::array();
  for (const auto& rel : r.releases)
    releases.push_back({{"round", rel.round}, {"date", format_date_floor(rel.day)}, {"day", rel.day}});
  // Post-training phases as simulated, and the sums per `stage` (phases without one are their own).
  nlohmann::json phases = nlohmann::json::array();
  std::vector<std::string> stage_order;
  std::map<std::string, std::pair<double, double>> stage_sums;  // chip hours, wall s
  for (const auto& o : r.post_training) {
    nlohmann::json p{{"name", o.name},
                     {"kind", o.kind},
                     {"chips", o.chips},
                     {"units", o.units},
                     {"unit_s", o.unit_s},
                     {"productive_hours", o.productive_s / 3600.0},
                     {"wall_hours", o.wall_s / 3600.0},
                     {"chip_hours", o.chip_hours},
                     {"interruptions", o.interruptions},
                     {"checkpoints_written", o.checkpoints_written}};
    if (!o.stage.empty()) p["stage"] = o.stage;
    if (o.kind == "rl") {
      const RolloutTime& t = o.rollout;
      p["rollout"] = {{"time_s", t.time_s},         {"prefill_s", t.prefill_s},
                      {"decode_s", t.decode_s},     {"throughput_s", t.throughput_s},
                      {"tail_s", t.tail_s},         {"tpot_s", t.tpot_s},
                      {"tail_tpot_s", t.tail_tpot_s}, {"batch_per_npu", t.batch_per_npu},
                      {"sequences", t.sequences},   {"instances", t.instances},
                      {"npus_used", t.npus_used}};
      p["update_s"] = o.update_s;
    }
    if (o.kind == "rl" || o.kind == "sft") {
      p["step_job_chips"] = o.step_job_chips;
    }
    phases.push_back(p);
    const std::string key = o.stage.empty() ? o.name : o.stage;
    if (!stage_sums.count(key)) stage_order.push_back(key);
    stage_sums[key].first += o.chip_hours;
    stage_sums[key].second += o.wall_s;
  }
  nlohmann::json stages = nlohmann::json::array();
  for (const auto& k : stage_order)
    stages.push_back({{"name", k}, {"chip_hours", stage_sums[k].first}, {"wall_hours", stage_sums[k].second / 3600.0}});
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
      {"releases", releases},
      {"post_training", phases},
      {"post_training_stages", stages}};
  // Rates per day of pretraining wall time, so a published count over a snapshot window (Llama 3:
  // 419 unexpected interruptions in 54 days) compares with a run of any length.
  const double days = r.pretraining_s / 86400.0;
  j["interruptions"]["unexpected_per_day"] = days > 0 ? r.interruptions_unexpected / days : 0.0;
  j["interruptions"]["total_per_day"] = days > 0 ? r.interruptions_total / days : 0.0;
  if (r.never_finishes) j["never_reason"] = r.never_reason;
  return j;
}

}  // namespace ascendsim
