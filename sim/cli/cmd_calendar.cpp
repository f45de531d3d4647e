// `ascendsim calendar FILE [--draws N] [--threads T] [--seed S] [--sensitivity] [--json]`: schedules
// a kind = "timeline" file whose durations are all given (no run level): the verdict table, and
// optionally a seeded Monte Carlo over its distributions and the one-at-a-time sensitivity.
#include <cmath>
#include <cstdio>
#include <iostream>

#include "sim/cli/cli_args.hpp"
#include "sim/cli/command.hpp"
#include "sim/timeline/schedule_table.hpp"
#include "sim/timeline/timeline_json.hpp"
#include "sim/util/date.hpp"

namespace ascendsim::cli {

namespace {

Registrar reg{{"calendar", "Schedule a milestone graph (kind = \"timeline\"): dates, slack, critical path, verdict; Monte Carlo and sensitivity",
               45, [](CLI::App& sub) {
  auto file = std::make_shared<std::string>();
  auto draws = std::make_shared<std::uint64_t>(0);
  auto threads = std::make_shared<unsigned>(1);
  auto seed = std::make_shared<std::uint64_t>(1);
  auto sens = std::make_shared<bool>(false);
  auto json = std::make_shared<bool>(false);
  sub.add_option("file", *file, "timeline file (kind = \"timeline\")")->required();
  add_count(sub, "--draws", *draws, "Monte Carlo draws over the file's distributions (0: none)");
  add_count(sub, "--threads", *threads, "threads for the draws (the result does not depend on it)", 1);
  add_count(sub, "--seed", *seed, "seed of the draws (default 1)");
  sub.add_flag("--sensitivity", *sens, "swing each uncertain input to its low and high (tornado data)");
  sub.add_flag("--json", *json, "machine-readable output");
  return [=]() -> int {
    const TimelineGraph g = load_timeline_file(*file);
    ParamSampler nominal;
    const Schedule s = schedule_timeline(g, nominal);
    nlohmann::json out = schedule_json(s);
    std::optional<SweepSummary> mc;
    if (*draws > 0) {
      const auto results = run_draws(*draws, *threads, *seed, [&](std::uint64_t, Rng& rng) {
        ParamSampler values(rng);
        return to_draw_result(schedule_timeline(g, values));
      });
      mc = summarize_draws(results);
      out["montecarlo"] = sweep_json(*mc);
      out["montecarlo"]["seed"] = *seed;
    }
    std::optional<SensitivityResult> tornado;
    if (*sens) {
      tornado = sensitivity([&](ParamSampler& v) { return schedule_timeline(g, v).final_day; });
      out["sensitivity"] = sensitivity_json(*tornado);
    }
    if (*json) {
      print_json(out.dump(2));
      return 0;
    }
    std::fputs(schedule_table_text(s).c_str(), stdout);
    if (mc) {
      std::printf("\nMonte Carlo: %llu draws, seed %llu: P(fit) = %.3f; margin p10/p50/p90 = %+.1f / %+.1f / %+.1f days\n",
                  static_cast<unsigned long long>(mc->draws), static_cast<unsigned long long>(*seed), mc->p_fit,
                  mc->margin_p10, mc->margin_p50, mc->margin_p90);
      std::printf("%-18s  %-10s  %-10s  %-10s  %9s\n", "milestone", "p10", "p50", "p90", "P(on time)");
      for (const auto& m : mc->milestones) {
        char p[16] = "";
        if (m.p_on_time) std::snprintf(p, sizeof p, "%.3f", *m.p_on_time);
        std::printf("%-18s  %-10s  %-10s  %-10s  %9s\n", m.name.c_str(), format_date_floor(m.p10_day).c_str(),
                    format_date_floor(m.p50_day).c_str(), format_date_floor(m.p90_day).c_str(), p);
      }
    }
    if (tornado) {
      std::printf("\nsensitivity of %s (nominal %s), largest swing first:\n", s.final_milestone.c_str(),
                  format_date_floor(tornado->baseline).c_str());
      for (const auto& b : tornado->bars)
        std::printf("  %-45s  low -> %+7.1f d   high -> %+7.1f d   swing %.1f d\n", b.key_path.c_str(),
                    b.outcome_low - tornado->baseline, b.outcome_high - tornado->baseline, b.swing);
    }
    return 0;
  };
}, "ascendsim calendar timelines/calendar/thesis-45d.toml --draws 200"}};

}  // namespace

}  // namespace ascendsim::cli
