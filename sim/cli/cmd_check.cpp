// `ascendsim check [DIR|FILE...] [--update] [--json]`: regression checks on reference timelines.
// Each golden file (*.expected.toml, kind = "golden") names a scenario; the scenario is rerun and
// every field compared with its expected value and tolerance. Prints field, expected, got,
// difference, tolerance, status, then the simulator's error against the published outcome.
// Exit status 1 on any drift; --update rewrites the expected values (only when asked). --catalogue
// reruns every case with another chip catalogue, to see what a catalogue change moves.
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "sim/check/golden.hpp"
#include "sim/check/serving_case.hpp"
#include "sim/cli/command.hpp"
#include "sim/scenario/scenario_report.hpp"
#include "sim/util/atomic_file.hpp"
#include "sim/util/provenance.hpp"
#include "sim/util/progress.hpp"

namespace ascendsim::cli {

namespace {

namespace fs = std::filesystem;

std::vector<std::string> golden_files(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (const auto& e : fs::recursive_directory_iterator(p))
        if (e.is_regular_file() && e.path().filename().string().size() > 14 &&
            e.path().filename().string().rfind(".expected.toml") == e.path().filename().string().size() - 14)
          found.push_back(e.path().string());
      std::sort(found.begin(), found.end());
      if (found.empty()) throw InputError(SourceLocation{p, 0, 0}, "", "no golden files (*.expected.toml) in this directory");
      out.insert(out.end(), found.begin(), found.end());
    } else if (fs::exists(p, ec)) {
      out.push_back(p);
    } else {
      throw InputError(SourceLocation{p, 0, 0}, "", "file not found");
    }
  }
  return out;
}

KindRegistrar golden_kind{{"golden", [](const std::string& path) { (void)load_golden(path); }}};
KindRegistrar serving_case_kind{{"serving-case", [](const std::string& path) { (void)load_serving_case(path); }}};

Registrar reg{{"check", "Rerun reference timelines and compare every field with its golden value (exit 1 on drift); --update rewrites them",
               80, [](CLI::App& sub) {
  auto paths = std::make_shared<std::vector<std::string>>();
  auto update = std::make_shared<bool>(false);
  auto json = std::make_shared<bool>(false);
  auto no_cache = std::make_shared<bool>(false);
  auto catalogue = std::make_shared<std::string>();
  sub.add_option("paths", *paths, "golden files or directories (default: timelines/reference)");
  sub.add_flag("--update", *update, "rewrite the expected values from this run (review the diff before committing)");
  sub.add_flag("--no-cache", *no_cache, "re-simulate steps instead of reading the step cache");
  sub.add_flag("--json", *json, "machine-readable output");
  sub.add_option("--catalogue", *catalogue,
                 "rerun every case with this chip catalogue instead of its own (what a changed catalogue moves; "
                 "drift is the answer, so not with --update)");
  return [=]() -> int {
    if (paths->empty()) paths->push_back("timelines/reference");
    if (!catalogue->empty() && *update)
      throw InputError(SourceLocation{"--catalogue", 0, 0}, "--update",
                       "goldens hold the values of each case's own catalogue; --update with another catalogue would "
                       "rewrite them from a what-if");
    std::vector<Override> swap;  // the scenario's platform.catalogue, as an absolute path (as run --catalogue)
    if (!catalogue->empty()) {
      if (!fs::is_regular_file(*catalogue))
        throw InputError(SourceLocation{*catalogue, 0, 0}, "--catalogue", "file not found");
      swap.push_back(parse_override("platform.catalogue=" + nlohmann::json(fs::absolute(*catalogue).string()).dump()));
    }
    nlohmann::json out = nlohmann::json::array();
    bool drift = false;
    const std::vector<std::string> goldens = golden_files(*paths);
    Progress progress("golden checks", goldens.size());
    for (const std::string& gpath : goldens) {
      progress.detail(gpath);
      const GoldenFile g = load_golden(gpath);
      std::vector<Override> overrides = swap;
      Scenario s = load_scenario(g.scenario_path, swap.empty() ? nullptr : &overrides);
      StepProvider steps(s, !*no_cache);
      AnalysisOptions ao;
      ao.draws = s.draws;
      ao.threads = s.threads;
      ao.sensitivity = s.sensitivity;
      const ScenarioAnalysis a = analyse_scenario(s, steps, ao);
      const nlohmann::json report = scenario_report_json(s, a);
      progress.advance();
      if (*update) {
        write_file_atomic(gpath, updated_golden_text(g, report));
        if (!*json) std::printf("%s: expected values rewritten from %s\n", gpath.c_str(), g.scenario_path.c_str());
        continue;
      }
      const auto rows = compare_with_golden(g, report);
      const auto cal = compare_with_published(g, report);
      nlohmann::json entry{{"golden", gpath}, {"scenario", g.scenario_path}, {"fields", check_fields_json(rows)},
                           {"published", check_published_json(cal)}};
      bool ok = true;
      for (const auto& r : rows) ok &= r.ok;
      entry["ok"] = ok;
      drift |= !ok;
      out.push_back(entry);
      if (*json) continue;
      std::printf("%s  (%s)\n", gpath.c_str(), ok ? "ok" : "DRIFT");
      std::printf("  %-44s %-14s %-14s %-12s %-10s %s\n", "field", "expected", "got", "difference", "tolerance", "status");
      for (const auto& r : rows)
        std::printf("  %-44s %-14s %-14s %-12s %-10s %s\n", r.field.c_str(), r.expected.c_str(), r.got.c_str(),
                    r.difference.c_str(), r.tolerance.c_str(), r.ok ? "ok" : "DRIFT");
      if (!cal.empty()) {
        std::printf("  against the published outcome:\n  %-44s %-14s %-14s %-12s %s\n", "field", "published", "simulated",
                    "error", "source");
        for (const auto& c : cal)
          std::printf("  %-44s %-14s %-14s %-12s %s\n", c.field.c_str(), c.published.c_str(), c.simulated.c_str(),
                      c.error.c_str(), c.source.c_str());
      }
    }
    if (*json) {
      ProvenanceFacts pf;
      pf.options["no_cache"] = *no_cache;
      if (!catalogue->empty()) pf.options["catalogue"] = *catalogue;
      pf.cache = step_cache_facts(!*no_cache);
      nlohmann::json doc{{"schema_version", kSchemaVersion}, {"goldens", out}, {"ok", !drift},
                         {"provenance", provenance_json(pf)}};
      print_json(doc.dump(2));
    }
    return drift ? 1 : 0;
  };
}, "ascendsim check timelines/reference/deepseek-v3-h800.expected.toml"}};

}  // namespace

}  // namespace ascendsim::cli
