// `ascendsim run SCENARIO`: the main job. Loads a scenario (kind = "scenario") and every file it
// names, runs all four levels (supply/fleet -> step -> run -> calendar), prints the verdict table,
// and with --out DIR writes report.json, report.html, trace.json (Perfetto), trace.paje, trace.csv.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "sim/cli/cli_args.hpp"
#include "sim/cli/command.hpp"
#include "sim/cli/per_draw_option.hpp"
#include "sim/scenario/key_paths.hpp"
#include "sim/scenario/input_clamps.hpp"
#include "sim/util/date.hpp"
#include "sim/scenario/scenario_report.hpp"
#include "sim/timeline/draw_table.hpp"
#include "sim/trace/chrome_trace_writer.hpp"
#include "sim/trace/csv_trace_writer.hpp"
#include "sim/trace/output_dir.hpp"
#include "sim/trace/output_guard.hpp"
#include "sim/trace/paje_trace_writer.hpp"
#include "sim/trace/report_html.hpp"
#include "sim/util/provenance.hpp"

namespace ascendsim::cli {

namespace {

ReportModel with_provenance(ReportModel m, const nlohmann::json& provenance) {
  m.provenance = provenance_rows(provenance);
  return m;
}

KindRegistrar scenario_kind{{"scenario", [](const std::string& path) {
  for (const std::string& w : scenario_checks(load_scenario(path))) std::cerr << "warning: " << w << '\n';
}}};

Registrar reg{{"run", "Run a scenario through every level and print the dated verdict; --out DIR writes the report and traces",
               5, [](CLI::App& sub) {
  struct Opts {
    std::string file, out, per_draw, catalogue;
    bool force = false, json = false, no_cache = false, sensitivity = false;
    std::optional<std::uint64_t> seed;
    std::optional<long> draws;  // add_count: 0 .. LONG_MAX
    std::optional<unsigned> threads;
    std::vector<std::string> sets;
    std::string start;
  };
  auto o = std::make_shared<Opts>();
  sub.add_option("scenario", o->file, "scenario file (kind = \"scenario\"), e.g. timelines/v4-ascend-thesis.toml")->required();
  sub.add_option("-o,--out", o->out, "write report.json, report.html, trace.json, trace.paje, trace.csv into this directory");
  sub.add_flag("--force", o->force, "write into --out beside files ascendsim did not write (never replaces or deletes them)");
  add_count(sub, "--seed", o->seed, "seed of the failure stream and Monte Carlo draws (default: the scenario's)");
  sub.add_option("--catalogue", o->catalogue, "chip catalogue instead of the scenario's [platform] catalogue (a platform "
                                              "spec may add its own [chips.NAME] entries)");
  sub.add_option("--set", o->sets, "override an input: key.path=value, with the paths `ascendsim keys SCENARIO` lists (e.g. fleet.org_share=20%)");
  sub.add_option("--start", o->start, "move the work start to DATE (YYYY-MM-DD): sets the not_before of the milestone pretraining follows");
  add_count(sub, "--draws", o->draws, "Monte Carlo draws (default: the scenario's [montecarlo] draws)");
  add_count(sub, "--threads", o->threads, "threads for the draws (the result does not depend on it)", 1);
  sub.add_flag("--sensitivity", o->sensitivity, "swing each uncertain input to its low and high (tornado)");
  sub.add_flag("--no-cache", o->no_cache, "re-simulate steps instead of reading the step cache");
  sub.add_flag("--json", o->json, "print report.json to stdout instead of the table");
  sub.add_option("--per-draw", o->per_draw,
                 "write one row per Monte Carlo draw (sampled inputs by key path, verdict, milestone dates) to FILE.csv or FILE.json");
  return [o]() -> int {
    std::vector<Override> overrides;
    if (!o->catalogue.empty())  // the scenario's platform.catalogue, as an absolute path
      overrides.push_back(parse_override("platform.catalogue=" +
                                         nlohmann::json(std::filesystem::absolute(o->catalogue).string()).dump()));
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
    bool per_draw_json = false;
    if (!o->per_draw.empty()) per_draw_json = check_per_draw_target(o->per_draw, o->draws.value_or(s.draws), o->force);
    // Refuse a foreign output directory before spending time on the simulation.
    std::optional<OutputDir> out;
    if (!o->out.empty()) out.emplace(o->out, o->force);
    if (out) out->claim({"report.json", "report.html", "trace.json", "trace.paje", "trace.csv"});
    StepProvider steps(s, !o->no_cache);
    AnalysisOptions ao;
    ao.draws = o->draws.value_or(s.draws);
    ao.threads = o->threads.value_or(s.threads);
    ao.sensitivity = o->sensitivity || s.sensitivity;
    const ScenarioAnalysis a = analyse_scenario(s, steps, ao);
    for (const std::string& w : input_clamps(s, a.nominal.schedule)) std::fprintf(stderr, "ascendsim: warning: %s\n", w.c_str());
    nlohmann::json report = scenario_report_json(s, a);
    ProvenanceFacts pf;
    for (const auto& text : o->sets) {
      const Override ov = parse_override(text);
      pf.overrides.emplace_back(ov.key_path, ov.value_text);
    }
    if (o->seed) pf.options["seed"] = *o->seed;
    if (!o->start.empty()) pf.options["start"] = o->start;
    if (!o->catalogue.empty()) pf.options["catalogue"] = o->catalogue;
    if (o->draws) pf.options["draws"] = *o->draws;
    if (o->sensitivity) pf.options["sensitivity"] = true;
    pf.options["no_cache"] = o->no_cache;
    pf.threads = ao.threads;
    pf.cache = step_cache_facts(!o->no_cache);
    pf.cache.steps_from_cache = steps.from_cache();
    pf.cache.steps_simulated = steps.simulations() - pf.cache.steps_from_cache;
    report["provenance"] = provenance_json(pf);
    if (!o->per_draw.empty())
      write_per_draw(o->per_draw, per_draw_json ? render_draws_json(a.draws) : render_draws_csv(a.draws), o->force);
    if (out) {
      const Trace trace = scenario_trace(s, a);
      // The five files are one set, published all or nothing (docs/outputs.md).
      out->publish("run", {{"report.json", report.dump(2) + "\n"},
                           {"report.html", render_report_html(with_provenance(scenario_report_model(s, a, pf.overrides), report["provenance"]))},
                           {"trace.json", ChromeTraceWriter().render(trace)},
                           {"trace.paje", PajeTraceWriter().render(trace)},
                           {"trace.csv", CsvTraceWriter().render(trace)}});
    }
    if (o->json) {
      print_json(report.dump(2));
    } else {
      std::fputs(scenario_summary_text(s, a).c_str(), stdout);
      if (out) std::printf("wrote %s/{report.json, report.html, trace.json, trace.paje, trace.csv}\n", out->dir().c_str());
    }
    return 0;
  };
}, "ascendsim run timelines/v4-ascend-thesis.toml --set fleet.org_share=20%"}};

}  // namespace

}  // namespace ascendsim::cli
