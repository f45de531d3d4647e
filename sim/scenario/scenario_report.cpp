#include "sim/scenario/scenario_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "sim/run/run_json.hpp"
#include "sim/timeline/schedule_table.hpp"
#include "sim/timeline/timeline_json.hpp"
#include "sim/util/date.hpp"
#include "sim/util/provenance.hpp"

namespace ascendsim {

namespace {

std::string fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

std::string with_commas(long v) {
  std::string s = std::to_string(std::labs(v));
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<std::size_t>(i), ",");
  return (v < 0 ? "-" : "") + s;
}

std::string chip_label(const Scenario& s) {
  const Chip& c = s.catalogue.find(s.platform.chip);
  return c.display_name.empty() ? c.name : c.display_name;
}

// The fleet series the report shows: from 120 days before the first scheduled date to 60 after
// the last (the supply ramp is long; the chart needs only the calendar's window).
std::vector<FleetPoint> fleet_window(const ScenarioAnalysis& a) {
  double lo = 1e18, hi = -1e18;
  for (const auto& n : a.nominal.schedule.nodes) {
    lo = std::min(lo, n.start_day);
    hi = std::max(hi, n.finish_day);
  }
  std::vector<FleetPoint> out;
  long before = 0;
  for (const auto& p : a.nominal.fleet) {
    if (p.day < lo - 120) { before = p.usable_chips; continue; }
    if (p.day > hi + 60) break;
    out.push_back(p);
  }
  if (out.empty() || out.front().day > lo - 120) out.insert(out.begin(), FleetPoint{static_cast<long>(lo) - 120, before});
  return out;
}

// The run as the report draws it: training segments split only by checkpoint snapshots (gaps under
// a minute) are merged, and when there are more than a few hundred checkpoints they are counted in
// the title instead of drawn one by one. The trace files keep every span.
// A checkpoint span that marks one checkpoint written (RunResult::checkpoints_written counts the
// same): the synchronous write, the asynchronous snapshot, or the write before a planned stop. The
// storage-side persist, the wait for it and aborted writes are spans of the same checkpoint or of
// none, so drawing them as marks would count checkpoints twice.
bool marks_checkpoint_written(const Span& sp) {
  return sp.category == "checkpoint" && sp.resource == "job" &&
         (sp.name == "checkpoint write" || sp.name == "checkpoint snapshot" || sp.name.rfind("checkpoint before ", 0) == 0);
}

Trace report_run_trace(const Trace& full, long checkpoints_written, std::string* title_note) {
  constexpr double kMergeGap_s = 60.0;
  constexpr long kMaxCheckpointMarks = 400;
  const long checkpoints = checkpoints_written;
  Trace out;
  out.origin_day = full.origin_day;
  std::map<std::string, std::size_t> open_training;  // resource -> index of its last training span in out
  for (const auto& sp : full.spans) {
    if (sp.category == "checkpoint" && (checkpoints > kMaxCheckpointMarks || !marks_checkpoint_written(sp))) continue;
    if (sp.category == "training") {
      auto it = open_training.find(sp.resource);
      if (it != open_training.end() && sp.start_s - out.spans[it->second].end_s <= kMergeGap_s) {
        out.spans[it->second].end_s = std::max(out.spans[it->second].end_s, sp.end_s);
        continue;
      }
      open_training[sp.resource] = out.spans.size();
    }
    out.add(sp);
  }
  *title_note = checkpoints > kMaxCheckpointMarks
                    ? "; " + with_commas(checkpoints) + " checkpoints written, not drawn one by one"
                    : "";
  return out;
}

}  // namespace

std::string resolved_title(const Scenario& s) {
  std::string fleet;
  if (s.supply_driven) {
    fleet = s.supply_scenario + " supply";
  } else if (!s.fixed_arrivals.empty()) {
    long chips = 0;
    for (const auto& f : s.fixed_arrivals) chips += f.chips;
    fleet = with_commas(chips) + " chips, fixed fleet";
  }
  for (const auto& ic : s.installed)
    fleet += (fleet.empty() ? "" : ", ") + with_commas(std::lround(ic.chips.nominal)) + " " + ic.chip + " installed (" + ic.pool + ")";
  for (const auto& r : s.rented)
    fleet += (fleet.empty() ? "" : ", ") + std::string("rented up to ") + with_commas(r.supernodes) + " x " +
             with_commas(r.supernode_chips) + " " + r.chip + " (" + r.pool + ")";
  return s.base_plan.model.name + " on " + chip_label(s) + " (" + s.platform.name + ", " +
         precision_name(s.base_plan.precision) + "), " + fleet;
}

std::string verdict_sentence(const Scenario& s, const ScenarioAnalysis& a) {
  const Schedule& sch = a.nominal.schedule;
  std::string text;
  if (const auto& p = a.nominal.pretraining) {
    if (p->run.never_finishes) {
      text = "Pretraining never finishes: " + p->run.never_reason + ". ";
    } else {
      text = "Pretraining starts " + format_date_floor(p->start_day) + " with " + with_commas(p->chips_at_start) + " " +
             chip_label(s) + " usable";
      if (p->run.wait_for_chips_s > 0) text += ", waits " + fmt("%.1f", p->run.wait_for_chips_s / 86400) + " days for chips";
      text += ", trains on " + with_commas(p->job_chips) +
              (p->final_job_chips != p->job_chips ? " growing to " + with_commas(p->final_job_chips) : std::string()) +
              " chips and ends " + format_date_floor(p->end_day) + " (" + fmt("%.1f", p->duration_days) + " days including the wait). ";
    }
  }
  if (!sch.margin_days) return text + "Nothing in the calendar has an observed date or deadline.";
  const ScheduledNode* worst = sch.find(sch.worst_node);
  if (sch.fits)
    text += "Every milestone is met; the tightest, " + sch.worst_node + ", has " + fmt("%.1f", *sch.margin_days) +
            " days of slack.";
  else
    text += "It does not fit: " + sch.worst_node + " is reached " +
            (worst ? format_date_floor(worst->finish_day) : std::string("?")) + ", " +
            fmt("%.1f", -*sch.margin_days) + " days after its " + (worst ? worst->limit_kind : "limit") + " date.";
  return text;
}

nlohmann::json scenario_report_json(const Scenario& s, const ScenarioAnalysis& a) {
  nlohmann::json j = schedule_json(a.nominal.schedule);
  j["schema_version"] = kSchemaVersion;
  j["scenario"] = {{"name", s.name}, {"title", resolved_title(s)}, {"file_title", s.title}, {"file", s.file},
                   {"seed", s.seed}, {"model", s.base_plan.model.name}, {"chip", s.platform.chip},
                   {"chip_name", chip_label(s)}, {"platform", s.platform.name}};
  j["verdict"]["text"] = verdict_sentence(s, a);
  if (const auto& p = a.nominal.pretraining) {
    nlohmann::json pt{{"chip", s.platform.chip},
                      {"chips", p->job_chips},
                      {"chips_available_at_start", p->chips_at_start},
                      {"final_chips", p->final_job_chips},
                      {"start", format_date_floor(p->start_day)},
                      {"end", format_date_floor(p->end_day)},
                      {"start_day", p->start_day},
                      {"end_day", p->end_day},
                      {"wait_and_training_days", p->duration_days},
                      {"wait_days", p->run.wait_for_chips_s / 86400.0},
                      {"training_days", p->run.pretraining_s / 86400.0},
                      {"tokens", s.base_plan.tokens},
                      {"step_time_s", p->step.step_time_s},
                      {"tokens_per_s", p->step.tokens_per_s},
                      {"mfu", p->step.mfu},
                      {"mfu_vs_precision_peak", p->step.mfu_vs_precision_peak},
                      {"precision", precision_name(s.base_plan.precision)},
                      {"never_finishes", p->run.never_finishes}};
    pt["run"] = run_result_json(p->run);
    j["pretraining"] = pt;
    nlohmann::json phases = nlohmann::json::array();
    for (const PhaseOutcome& ph : p->phases)
      phases.push_back({{"name", ph.name},
                        {"hardware", ph.hardware},
                        {"chips", ph.chips},
                        {"start", format_date_floor(ph.start_day)},
                        {"move_hours", ph.move_hours},
                        {"wall_days", ph.wall_days},
                        {"chip_hours", ph.chip_hours},
                        {"rented_chips", ph.rented_chips},
                        {"rental_usd", ph.rental_usd}});
    if (!phases.empty()) j["phases"] = phases;
    j["step"] = nlohmann::json::parse(step_result_json(p->step));
    // Where the step came from (cache or simulation) and the cache's platform file are facts of
    // this machine, not of the inputs: they belong to the provenance block only.
    j["step"].erase("from_cache");
    j["step"].erase("platform_xml");
  }
  nlohmann::json fleet = nlohmann::json::array();
  for (const auto& f : fleet_window(a)) fleet.push_back({{"date", format_date(f.day)}, {"usable_chips", f.usable_chips}});
  j["fleet"] = {{"chip", s.platform.chip}, {"supply_scenario", s.supply_driven ? s.supply_scenario : "fixed"},
                {"usable", fleet}};
  if (a.montecarlo) {
    j["montecarlo"] = sweep_json(*a.montecarlo);
    j["montecarlo"]["seed"] = a.seed;
  }
  if (a.sensitivity) {
    j["sensitivity"] = sensitivity_json(*a.sensitivity);
    j["sensitivity"]["outcome"] = a.nominal.schedule.final_milestone;
  }
  nlohmann::json inv = nlohmann::json::array();
  for (const auto& q : a.inverse) {
    nlohmann::json e{{"name", q.question.name}, {"input", q.question.input}, {"bracketed", q.boundary.bracketed},
                     {"unit", q.question.dim == Dimension::Date ? "date" : dimension_unit(q.question.dim)}};
    auto show = [&](double x) -> nlohmann::json {
      if (q.question.dim == Dimension::Date) return format_date_floor(x);
      return x;
    };
    // Not bracketed: null, the one representation of "no value" in every output.
    e["boundary"] = q.boundary.bracketed ? show(q.boundary.fitting_x) : nlohmann::json(nullptr);
    e["failing_side"] = q.boundary.bracketed ? show(q.boundary.failing_x) : nlohmann::json(nullptr);
    inv.push_back(e);
  }
  if (!a.inverse.empty()) j["inverse"] = inv;
  return j;
}

ReportModel scenario_report_model(const Scenario& s, const ScenarioAnalysis& a,
                                  const std::vector<std::pair<std::string, std::string>>& overrides) {
  ReportModel m;
  const Schedule& sch = a.nominal.schedule;
  // The title names the inputs actually used (after overrides); the file's own title is quoted
  // only when nothing on the command line changed what it describes.
  m.scenario = resolved_title(s);
  m.description = "Scenario " + s.file + (overrides.empty() ? " (\"" + s.title + "\")" : std::string()) + ", seed " +
                  std::to_string(s.seed) + ".";
  if (!overrides.empty()) {
    m.description += " Overrides:";
    for (std::size_t i = 0; i < overrides.size(); ++i)
      m.description += (i ? ", " : " ") + overrides[i].first + " = " + overrides[i].second;
    m.description += ".";
  }
  m.verdict.fits = sch.fits;
  m.verdict.margin_days = sch.margin_days.value_or(0.0);
  m.verdict.text = verdict_sentence(s, a);
  for (const auto& n : sch.nodes) {
    if (n.milestone) {
      ReportMilestone rm;
      rm.name = n.name;
      rm.earliest_day = n.finish_day;
      if (n.limit_day && n.limit_kind == "observed") rm.observed_day = *n.limit_day;
      else if (n.limit_day) rm.deadline_day = *n.limit_day;
      rm.slack_days = n.slack_days.value_or(0.0);
      rm.has_slack = n.slack_days.has_value();
      rm.critical = n.critical;
      m.milestones.push_back(rm);
    } else {
      m.phases.push_back(ReportPhase{n.name, n.start_day, n.finish_day, n.critical});
    }
  }
  for (const auto& b : s.calendar.blackouts)
    m.blackouts.push_back(ReportWindow{b.name, static_cast<double>(b.first_day), static_cast<double>(b.last_day + 1)});
  if (s.calendar.publication) {
    const auto& p = *s.calendar.publication;
    const double end = p.closes_day ? *p.closes_day + 1.0 : sch.final_day + 30.0;
    m.publication_window = ReportWindow{"publication window", static_cast<double>(p.opens_day), std::max(end, p.opens_day + 1.0)};
  }
  if (const auto& p = a.nominal.pretraining) {
    ReportRun run;
    run.run = report_run_trace(p->run.trace, p->run.checkpoints_written, &run.title);
    run.run.origin_day = static_cast<long>(std::floor(p->start_day));
    // Run spans are seconds after the run's start day; shift to whole-day origin.
    const double shift_s = (p->start_day - std::floor(p->start_day)) * 86400.0;
    for (auto& sp : run.run.spans) { sp.start_s += shift_s; sp.end_s += shift_s; }
    run.title = "Pretraining run on " + with_commas(p->job_chips) + " " + chip_label(s) + " (seed " + std::to_string(s.seed) + ")" + run.title;
    m.run = run;
    ReportSupply sup;
    for (const auto& f : fleet_window(a)) sup.available.push_back(SupplyPoint{static_cast<double>(f.day), static_cast<double>(f.usable_chips)});
    sup.chips_needed = static_cast<double>(p->final_job_chips > 0 ? std::max(p->final_job_chips, p->job_chips) : p->job_chips);
    sup.chip_name = chip_label(s);
    sup.need_from_day = p->start_day;
    sup.need_to_day = p->end_day;
    m.supply = sup;
    ReportStepBreakdown bd;
    bd.label = s.base_plan.model.name + " on " + with_commas(p->step.chips) + " x " + chip_label(s);
    bd.compute_s = p->step.breakdown.compute_s;
    bd.exposed_comm_s = {{"TP", p->step.breakdown.tp_s}, {"EP", p->step.breakdown.ep_s},
                         {"PP", p->step.breakdown.pp_s}, {"DP", p->step.breakdown.dp_s}};
    bd.bubble_s = p->step.breakdown.bubble_s;
    bd.optimizer_s = p->step.breakdown.optimizer_s;
    m.step_breakdown.push_back(bd);
    ReportTable t{"Pretraining", {"quantity", "value"}, {}};
    const RunResult& r = p->run;
    t.rows = {{"chips usable at start", with_commas(p->chips_at_start)},
              {"job size at start / at end", with_commas(p->job_chips) + " / " + with_commas(p->final_job_chips)},
              {"step time", fmt("%.3f s", p->step.step_time_s)},
              {"MFU (BF16 dense peak)", fmt("%.1f%%", 100 * p->step.mfu)},
              {"memory per chip", fmt("%.1f GiB", p->step.memory_per_chip_GiB) + " of " + fmt("%.0f GiB", p->step.hbm_capacity_GiB)},
              {"waiting for chips", fmt("%.1f days", r.wait_for_chips_s / 86400)},
              {"training wall time", fmt("%.1f days", r.pretraining_s / 86400)},
              {"pretraining phase (wait + training)", fmt("%.1f days", p->duration_days)},
              {"post-training", fmt("%.1f days", r.post_training_s / 86400)},
              {"checkpoints written", with_commas(r.checkpoints_written)},
              {"effective training ratio", fmt("%.1f%%", 100 * r.effective_training_ratio)},
              {"interruptions (unexpected + planned)", with_commas(r.interruptions_total) + " (" + with_commas(r.interruptions_unexpected) +
                                                           " + " + with_commas(r.interruptions_planned) + ")"},
              {"lost work", fmt("%.0f chip-hours", r.lost_work_chip_hours)},
              {"chip-hours per trillion tokens", fmt("%.3g", r.chip_hours_per_trillion_tokens)}};
    if (r.never_finishes) t.rows.push_back({"never finishes", r.never_reason});
    m.tables.push_back(t);
    // Phases on their hardware: only when some phase runs elsewhere or on rented capacity.
    bool show_phases = !s.phase_hardware.empty();
    for (const PhaseOutcome& ph : p->phases) show_phases |= ph.rented_chips > 0;
    if (show_phases) {
      ReportTable ph_t{"Phases and hardware", {"phase", "hardware", "chips", "starts", "move", "work", "rented chips", "rental cost"}, {}};
      for (const PhaseOutcome& ph : p->phases)
        ph_t.rows.push_back({ph.name, ph.hardware, with_commas(ph.chips), format_date_floor(ph.start_day),
                             ph.move_hours > 0 ? fmt("%.2f h", ph.move_hours) : "-", fmt("%.1f days", ph.wall_days),
                             with_commas(ph.rented_chips), ph.rental_usd > 0 ? fmt("US$%.3g", ph.rental_usd) : "-"});
      m.tables.push_back(ph_t);
    }
  }
  if (!a.draws.empty()) {
    // The milestone that decides the verdict (the nominal plan's tightest), else the final one.
    const std::string shown = !sch.worst_node.empty() && sch.find(sch.worst_node) ? sch.worst_node : sch.final_milestone;
    std::vector<std::pair<double, bool>> dates;  // (day, late)
    for (const auto& d : a.draws)
      for (const auto& ms : d.milestones)
        if (ms.name == shown) dates.emplace_back(ms.day, ms.on_time.has_value() && !*ms.on_time);
    if (!dates.empty()) {
      ReportHistogram h;
      h.milestone = shown;
      const ScheduledNode* node = sch.find(shown);
      if (node && node->limit_day) {
        h.limit_day = *node->limit_day;
        h.limit_kind = node->limit_kind;
      }
      double lo = 1e18, hi = -1e18;
      for (const auto& [day, late] : dates) { lo = std::min(lo, std::floor(day)); hi = std::max(hi, std::ceil(day) + 1); }
      const int bins = 24;
      const double w = std::max(1.0, std::ceil((hi - lo) / bins));
      // Bin edges on the limit date, so no bin mixes on-time and late runs.
      if (h.limit_day) lo = *h.limit_day - std::ceil((*h.limit_day - lo) / w) * w;
      for (int b = 0; lo + b * w < hi; ++b) h.bins.push_back(HistogramBin{lo + b * w, lo + (b + 1) * w, 0, 0});
      for (const auto& [day, late] : dates) {
        const auto idx = std::min<std::size_t>(h.bins.size() - 1, static_cast<std::size_t>(std::max(0.0, (day - lo) / w)));
        h.bins[idx].count++;
        h.bins[idx].late += late;
      }
      for (const auto& ms : a.montecarlo->milestones)
        if (ms.name == shown) h.markers = {{"P10", ms.p10_day}, {"P50", ms.p50_day}, {"P90", ms.p90_day}};
      if (h.limit_day) h.markers.push_back({h.limit_kind, *h.limit_day});
      h.samples = static_cast<long>(dates.size());
      m.final_date_histogram = h;
    }
    ReportTable t{"Monte Carlo (" + std::to_string(a.montecarlo->draws) + " draws, seed " + std::to_string(a.seed) + "): P(fit) = " +
                      fmt("%.3f", a.montecarlo->p_fit),
                  {"milestone", "p10", "p50", "p90", "P(on time)"}, {}};
    for (const auto& ms : a.montecarlo->milestones)
      t.rows.push_back({ms.name, format_date_floor(ms.p10_day), format_date_floor(ms.p50_day), format_date_floor(ms.p90_day),
                        ms.p_on_time ? fmt("%.3f", *ms.p_on_time) : "n/a"});
    m.tables.push_back(t);
  }
  if (a.sensitivity) {
    ReportTornado tor;
    tor.baseline_day = a.sensitivity->baseline;
    for (const auto& b : a.sensitivity->bars) {
      auto label = [&](double v) {
        return b.dim == Dimension::Date ? format_date_floor(v) : format_quantity(v, b.dim);
      };
      tor.bars.push_back(TornadoBar{b.key_path, label(b.low_value), label(b.high_value), b.outcome_low - tor.baseline_day,
                                    b.outcome_high - tor.baseline_day});
    }
    m.tornado = tor;
  }
  if (!a.inverse.empty()) {
    ReportTable t{"Inverse questions (bisection)", {"question", "input", "boundary"}, {}};
    for (const auto& q : a.inverse) {
      std::string v = "not bracketed";
      if (q.boundary.bracketed)
        v = q.question.dim == Dimension::Date ? format_date_floor(q.boundary.fitting_x) : fmt("%.4g", q.boundary.fitting_x);
      t.rows.push_back({q.question.name, q.question.input, v});
    }
    m.tables.push_back(t);
  }
  return m;
}

Trace scenario_trace(const Scenario& s, const ScenarioAnalysis& a) {
  (void)s;
  Trace t;
  const Schedule& sch = a.nominal.schedule;
  double origin = 1e18;
  for (const auto& n : sch.nodes) origin = std::min(origin, n.start_day);
  const long origin_day = static_cast<long>(std::floor(origin));
  t.origin_day = origin_day;
  auto secs = [&](double day) { return (day - origin_day) * 86400.0; };
  for (const auto& n : sch.nodes) {
    Span sp;
    sp.resource = n.milestone ? "calendar/milestones" : "calendar/" + n.name;
    sp.category = n.milestone ? "milestone" : "phase";
    sp.name = n.name;
    sp.start_s = secs(n.milestone ? n.finish_day : n.start_day);
    sp.end_s = secs(n.finish_day);
    sp.attrs = {{"date", format_date_floor(n.finish_day)}, {"critical", n.critical ? "true" : "false"}};
    if (n.slack_days) sp.attrs.push_back({"slack_days", fmt("%.2f", *n.slack_days)});  // absent: no limit, no slack
    t.add(sp);
  }
  // Supply: usable chips in the fleet (the series report.json shows as fleet.usable), from t = 0.
  Counter supply{"supply", "usable_chips", {}};
  for (const auto& f : fleet_window(a)) {
    const double at = std::max(0.0, secs(static_cast<double>(f.day)));
    if (!supply.points.empty() && supply.points.back().first == at) supply.points.back().second = static_cast<double>(f.usable_chips);
    else supply.points.emplace_back(at, static_cast<double>(f.usable_chips));
  }
  if (!supply.points.empty()) t.counters.push_back(supply);
  if (const auto& p = a.nominal.pretraining) {
    const double shift = secs(p->start_day);
    for (Span sp : p->run.trace.spans) {
      sp.resource = "run/" + sp.resource;
      sp.start_s += shift;
      sp.end_s += shift;
      t.add(sp);
    }
    // Chips: the training job's size; goodput: the chips training at each moment (0 while the job
    // waits, writes a checkpoint, or restarts after a failure).
    Counter chips{"chips", "job_chips", {{0.0, 0.0}}}, good{"goodput", "training_chips", {{0.0, 0.0}}};
    auto set = [](Counter& c, double at, double v) {
      if (c.points.back().second == v) return;
      if (c.points.back().first == at) c.points.back().second = v;
      else c.points.emplace_back(at, v);
      if (c.points.size() >= 2 && c.points[c.points.size() - 2].second == v) c.points.pop_back();
    };
    double run_end = shift;
    for (const Span& sp : p->run.trace.spans) {
      run_end = std::max(run_end, sp.end_s + shift);
      if (sp.category != "training") continue;
      double n = 0;
      for (const auto& [k, v] : sp.attrs)
        if (k == "chips") n = std::strtod(v.c_str(), nullptr);
      set(chips, sp.start_s + shift, n);
      set(good, sp.start_s + shift, n);
      set(good, sp.end_s + shift, 0);
    }
    set(chips, run_end, 0);
    set(good, run_end, 0);
    t.counters.push_back(chips);
    t.counters.push_back(good);
  }
  return t;
}

std::string scenario_summary_text(const Scenario& s, const ScenarioAnalysis& a) {
  std::string out = resolved_title(s) + "\n\n" + schedule_table_text(a.nominal.schedule) + "\n" + verdict_sentence(s, a) + "\n";
  if (const auto& p = a.nominal.pretraining) {
    char buf[512];
    std::snprintf(buf, sizeof buf,
                  "pretraining: %s chips at start (%s usable), %.1f days (%.1f waiting for chips), step %.3f s, MFU %.1f%%, "
                  "effective training %.1f%%, %s interruptions (%s unexpected + %s planned), %s checkpoints written\n",
                  with_commas(p->job_chips).c_str(), with_commas(p->chips_at_start).c_str(), p->duration_days,
                  p->run.wait_for_chips_s / 86400, p->step.step_time_s, 100 * p->step.mfu,
                  100 * p->run.effective_training_ratio, with_commas(p->run.interruptions_total).c_str(),
                  with_commas(p->run.interruptions_unexpected).c_str(), with_commas(p->run.interruptions_planned).c_str(),
                  with_commas(p->run.checkpoints_written).c_str());
    out += buf;
  }
  if (a.montecarlo) {
    char buf[256];
    std::snprintf(buf, sizeof buf, "Monte Carlo: %llu draws, seed %llu: P(fit) = %.3f; margin p10/p50/p90 = %+.1f / %+.1f / %+.1f days\n",
                  static_cast<unsigned long long>(a.montecarlo->draws), static_cast<unsigned long long>(a.seed),
                  a.montecarlo->p_fit, a.montecarlo->margin_p10, a.montecarlo->margin_p50, a.montecarlo->margin_p90);
    out += buf;
  }
  if (a.sensitivity) {
    out += "sensitivity of " + a.nominal.schedule.final_milestone + " (days, input low / high):\n";
    int shown = 0;
    for (const auto& b : a.sensitivity->bars) {
      if (shown++ == 8) break;
      char buf[256];
      std::snprintf(buf, sizeof buf, "  %-40s %+7.1f / %+7.1f\n", b.key_path.c_str(), b.outcome_low - a.sensitivity->baseline,
                    b.outcome_high - a.sensitivity->baseline);
      out += buf;
    }
  }
  for (const auto& q : a.inverse) {
    std::string v = "not bracketed by the given values";
    if (q.boundary.bracketed)
      v = q.question.dim == Dimension::Date ? format_date_floor(q.boundary.fitting_x) : fmt("%.4g", q.boundary.fitting_x);
    out += q.question.name + " (" + q.question.input + "): " + v + "\n";
  }
  return out;
}

}  // namespace ascendsim
