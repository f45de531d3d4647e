// `ascendsim run SCENARIO`: the main job. Loads a scenario (kind = "scenario") and every file it
// names, runs all four levels (supply/fleet -> step -> run -> calendar), prints the verdict table,
// and with --out DIR writes report.json, report.html, trace.json (Perfetto), trace.paje, trace.csv.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "sim/cli/command.hpp"
#include "sim/scenario/key_paths.hpp"
#include "sim/scenario/input_clamps.hpp"
#include "sim/util/date.hpp"
#include "sim/scenario/scenario_report.hpp"
#include "sim/trace/chrome_trace_writer.hpp"
#include "sim/trace/csv_trace_writer.hpp"
#include "sim/trace/output_dir.hpp"
#include "sim/trace/paje_trace_writer.hpp"
#include "sim/trace/report_html.hpp"

namespace ascendsim::cli {

namespace {

KindRegistrar scenario_kind{{"scenario", [](const std::string& path) { (void)load_scenario(path); }}};

Registrar reg{{"run", "Run a scenario through every level and print the dated verdict; --out DIR writes the report and traces",
               5, [](CLI::App& sub) {
  struct Opts {
    std::string file, out;
    bool force = false, json = false, no_cache = false, sensitivity = false;
    std::optional<std::uint64_t> seed;
    std::optional<long> draws;
    std::optional<unsigned> threads;
    std::vector<std::string> sets;
    std::string start;
  };
  auto o = std::make_shared<Opts>();
  sub.add_option("scenario", o->file, "scenario file (kind = \"scenario\"), e.g. timelines/v4-ascend-thesis.toml")->required();
  sub.add_option("--out", o->out, "write report.json, report.html, trace.json, trace.paje, trace.csv into this directory");
  sub.add_flag("--force", o->force, "write into --out even if it holds files ascendsim did not write (never deletes them)");
  sub.add_option("--seed", o->seed, "seed of the failure stream and Monte Carlo draws (default: the scenario's)");
  sub.add_option("--set", o->sets, "override an input: key.path=value, with the paths `ascendsim keys SCENARIO` lists (e.g. fleet.org_share=20%)");
  sub.add_option("--start", o->start, "move the work start to DATE (YYYY-MM-DD): sets the not_before of the milestone pretraining follows");
  sub.add_option("--draws", o->draws, "Monte Carlo draws (default: the scenario's [montecarlo] draws)");
  sub.add_option("--threads", o->threads, "threads for the draws (the result does not depend on it)");
  sub.add_flag("--sensitivity", o->sensitivity, "swing each uncertain input to its low and high (tornado)");
  sub.add_flag("--no-cache", o->no_cache, "re-simulate steps instead of reading the step cache");
  sub.add_flag("--json", o->json, "print report.json to stdout instead of the table");
  return [o]() -> int {
    std::vector<Override> overrides;
    for (const auto& s : o->sets) overrides.push_back(parse_override(s));
    resolve_command_line_paths(overrides, o->file);  // file paths in --set are relative to the working directory
    if (!o->start.empty()) {
      if (!parse_iso_date(o->start))
        throw InputError(SourceLocation{"--start " + o->start, 0, 0}, "", "expected a date YYYY-MM-DD");
      std::vector<Override> probe = overrides;
      Override start = parse_override(work_start_path(load_scenario(o->file, &probe)) + "=" + o->start);
      start.origin = "--start " + o->start;
      overrides.push_back(start);
    }
    Scenario s = load_scenario(o->file, &overrides);
    if (o->seed) s.seed = *o->seed;
    // Refuse a foreign output directory before spending time on the simulation.
    std::optional<OutputDir> out;
    if (!o->out.empty()) out.emplace(o->out, o->force);
    StepProvider steps(s, !o->no_cache);
    AnalysisOptions ao;
    ao.draws = o->draws.value_or(s.draws);
    ao.threads = o->threads.value_or(s.threads);
    ao.sensitivity = o->sensitivity || s.sensitivity;
    ao.progress = !o->json && isatty(STDERR_FILENO);
    const ScenarioAnalysis a = analyse_scenario(s, steps, ao);
    for (const std::string& w : input_clamps(s, a.nominal.schedule)) std::fprintf(stderr, "ascendsim: warning: %s\n", w.c_str());
    const nlohmann::json report = scenario_report_json(s, a);
    if (out) {
      const Trace trace = scenario_trace(s, a);
      out->write("report.json", report.dump(2) + "\n");
      out->write("report.html", render_report_html(scenario_report_model(s, a)));
      out->write("trace.json", ChromeTraceWriter().render(trace));
      out->write("trace.paje", PajeTraceWriter().render(trace));
      out->write("trace.csv", CsvTraceWriter().render(trace));
    }
    if (o->json) {
      print_json(report.dump(2));
    } else {
      std::fputs(scenario_summary_text(s, a).c_str(), stdout);
      if (out) std::printf("wrote %s/{report.json, report.html, trace.json, trace.paje, trace.csv}\n", out->dir().c_str());
    }
    return 0;
  };
}}};

}  // namespace

}  // namespace ascendsim::cli
