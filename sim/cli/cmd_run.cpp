// `ascendsim run SCENARIO`: the main job. Loads a scenario (kind = "scenario") and every file it
// names, runs all four levels (supply/fleet -> step -> run -> calendar), prints the verdict table,
// and with --out DIR writes report.json, report.html, trace.json (Perfetto), trace.paje, trace.csv.
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "sim/cli/cli_args.hpp"
#include "sim/cli/command.hpp"
#include "sim/scenario/scenario_report.hpp"
#include "sim/trace/chrome_trace_writer.hpp"
#include "sim/trace/csv_trace_writer.hpp"
#include "sim/trace/output_dir.hpp"
#include "sim/trace/paje_trace_writer.hpp"
#include "sim/trace/report_html.hpp"

namespace ascendsim::cli {

namespace {

KindRegistrar scenario_kind{{"scenario", [](const std::string& path) {
  for (const std::string& w : scenario_checks(load_scenario(path))) std::cerr << "warning: " << w << '\n';
}}};

Registrar reg{{"run", "Run a scenario through every level and print the dated verdict; --out DIR writes the report and traces",
               5, [](CLI::App& sub) {
  struct Opts {
    std::string file, out, catalogue;
    bool force = false, json = false, no_cache = false, sensitivity = false;
    std::optional<std::uint64_t> seed;
    std::optional<long> draws;  // add_count: 0 .. LONG_MAX
    std::optional<unsigned> threads;
    std::vector<std::string> sets;
  };
  auto o = std::make_shared<Opts>();
  sub.add_option("scenario", o->file, "scenario file (kind = \"scenario\"), e.g. timelines/v4-ascend-thesis.toml")->required();
  sub.add_option("-o,--out", o->out, "write report.json, report.html, trace.json, trace.paje, trace.csv into this directory");
  sub.add_flag("--force", o->force, "write into --out even if it holds files ascendsim did not write (never deletes them)");
  add_count(sub, "--seed", o->seed, "seed of the failure stream and Monte Carlo draws (default: the scenario's)");
  sub.add_option("--catalogue", o->catalogue, "chip catalogue instead of the scenario's [platform] catalogue (a platform "
                                              "spec may add its own [chips.NAME] entries)");
  sub.add_option("--set", o->sets, "override an input: key.path=value (scenario keys, or catalogue./spec./training./model./supply./failures. for the files it names)");
  add_count(sub, "--draws", o->draws, "Monte Carlo draws (default: the scenario's [montecarlo] draws)");
  add_count(sub, "--threads", o->threads, "threads for the draws (the result does not depend on it)", 1);
  sub.add_flag("--sensitivity", o->sensitivity, "swing each uncertain input to its low and high (tornado)");
  sub.add_flag("--no-cache", o->no_cache, "re-simulate steps instead of reading the step cache");
  sub.add_flag("--json", o->json, "print report.json to stdout instead of the table");
  return [o]() -> int {
    std::vector<Override> overrides;
    if (!o->catalogue.empty())  // the scenario's platform.catalogue, as an absolute path
      overrides.push_back(parse_override("platform.catalogue=" +
                                         nlohmann::json(std::filesystem::absolute(o->catalogue).string()).dump()));
    for (const auto& s : o->sets) overrides.push_back(parse_override(s));
    Scenario s = load_scenario(o->file, &overrides);
    check_overrides_used(overrides);
    if (o->seed) s.seed = *o->seed;
    // Refuse a foreign output directory before spending time on the simulation.
    std::optional<OutputDir> out;
    if (!o->out.empty()) out.emplace(o->out, o->force);
    StepProvider steps(s, !o->no_cache);
    AnalysisOptions ao;
    ao.draws = o->draws.value_or(s.draws);
    ao.threads = o->threads.value_or(s.threads);
    ao.sensitivity = o->sensitivity || s.sensitivity;
    const ScenarioAnalysis a = analyse_scenario(s, steps, ao);
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
}, "ascendsim run timelines/v4-ascend-thesis.toml --set supply.fleet.org_share=20%"}};

}  // namespace

}  // namespace ascendsim::cli
