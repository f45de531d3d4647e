// `ascendsim bench`: the speed targets the issues name, measured on this machine. Each case runs
// in its own child process (this executable with a subcommand, or a library benchmark function in
// a forked child), so wall time and peak memory (wait4 rusage) belong to that case alone. "Cold"
// cases get a fresh empty ASCENDSIM_CACHE_DIR; "warm" ones reuse the directory a cold case filled.
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "sim/bench/child_measure.hpp"
#include "sim/bench/scaling_fit.hpp"
#include "sim/cli/command.hpp"
#include "sim/config/toml_reader.hpp"
#include "sim/scenario/key_paths.hpp"
#include "sim/engine/step_executor.hpp"
#include "sim/engine/subset_check.hpp"
#include "sim/sweep/sweep_bench.hpp"
#include "sim/config/input_error.hpp"
#include "sim/run/run_bench.hpp"
#include "sim/serving/serve_bench.hpp"
#include "sim/trace/output_guard.hpp"

namespace ascendsim::cli {

namespace {

namespace fs = std::filesystem;

struct Case {
  std::string name;
  std::string group;            // "target" or "scaling"
  std::vector<std::string> argv;               // run this executable with these arguments, or
  std::function<std::string()> fn;             // call this in a forked child (prints a JSON object)
  std::string cache;            // cache directory name under the bench's temp dir ("" = caching off)
  bool fresh_cache = false;     // empty the cache directory first (cold)
  double target_s = 0;          // 0: no target (scaling rows)
  double target_GiB = 0;        // 0: no memory target
  std::string metric = "wall";  // "wall", or a key of the child's JSON compared with target_s
  std::string note_key;         // a key of the child's JSON shown as a note
  // A fit row: no child; the exponent k of CPU s = a x chips^k over the earlier rows of this
  // series with chips in [fit_min_chips, fit_max_chips], compared with target_s as "<= k".
  std::string series = {};      // rows of a scaling series carry its name; the fit row too
  long chips = 0;               // a series row's job size
  bool fit = false;
  long fit_min_chips = 0, fit_max_chips = 0;
};

struct Row {
  Case c;
  ChildMeasure m;
  double metric_s = 0;
  bool ok = false, met = false;
  std::string note;
};

std::string fmt(const char* f, double x) {
  char b[64];
  std::snprintf(b, sizeof b, f, x);
  return b;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

nlohmann::json machine_info() {
  nlohmann::json j;
  j["nproc"] = std::thread::hardware_concurrency();
  std::istringstream cpu(read_text("/proc/cpuinfo"));
  for (std::string line; std::getline(cpu, line);)
    if (line.rfind("model name", 0) == 0) {
      j["cpu"] = line.substr(line.find(':') + 2);
      break;
    }
  std::istringstream mem(read_text("/proc/meminfo"));
  for (std::string line; std::getline(mem, line);)
    if (line.rfind("MemTotal:", 0) == 0) j["memory_GiB"] = std::round(std::stod(line.substr(9)) / (1024.0 * 1024.0) * 10) / 10;
  const std::time_t now = std::time(nullptr);
  char date[32];
  std::strftime(date, sizeof date, "%Y-%m-%d %H:%M UTC", std::gmtime(&now));
  j["date"] = date;
  return j;
}

std::vector<Case> all_cases() {
  std::vector<Case> v;
  auto step = [](const std::string& spec, const std::string& workload, long chips) {
    std::vector<std::string> a{"step", "--platform", spec, "--workload", workload, "--no-cache", "--json"};
    if (chips > 0) {
      a.push_back("--chips");
      a.push_back(std::to_string(chips));
    }
    return a;
  };
  v.push_back({"step: DeepSeek-V3 on 2,048 H800, cold", "target",
               step("platforms/specs/h800-2048.toml", "workloads/deepseek-v3-train.toml", 0), {}, "step-v3", true, 2.0, 0,
               "wall", "step_time_s"});
  v.push_back({"step: V4-Pro on Atlas 950 SuperPoD (8,192), cold", "target",
               step("platforms/specs/atlas950-superpod.toml", "workloads/deepseek-v4-pro-train.toml", 0), {}, "step-v4pro",
               true, 10.0, 2.0, "wall", "step_time_s"});
  v.push_back({"run: 45-day run on 8,192 chips (per draw, 100 draws)", "target", {}, [] {
                 const RunBenchResult r = bench_run_level(load_failure_rates("platforms/failure-rates.toml"), 100);
                 return nlohmann::json{{"seconds_per_draw", r.seconds_per_draw}, {"failures", r.mean_failures},
                                       {"duration_days", r.mean_duration_days}}.dump();
               },
               "", false, 0.1, 0, "seconds_per_draw", "failures"});
  const std::string thesis = "timelines/v4-ascend-thesis.toml";
  v.push_back({"scenario: thesis, deterministic, cold", "target", {"run", thesis, "--json"}, {}, "thesis", true, 15.0, 0, "wall", ""});
  v.push_back({"scenario: thesis, deterministic, warm", "target", {"run", thesis, "--json"}, {}, "thesis", false, 5.0, 0, "wall", ""});
  v.push_back({"scenario: thesis, 1,000 draws, 2 threads, warm", "target",
               {"run", thesis, "--draws", "1000", "--threads", "2", "--set", "inverse=[]", "--json"}, {}, "thesis", false,
               60.0, 0, "wall", ""});
  // Inference (issue 19): the README's run cold, then 100,000 draws warm (draws that land on job
  // sizes the cold run did not visit still simulate those steps).
  const std::vector<std::string> infer{"infer", "timelines/evidence/v4-hardware-priors.toml", "--evidence",
                                       "timelines/evidence/v4.toml", "--threads", "2", "--json"};
  auto infer_draws = [&infer](const char* n) {
    std::vector<std::string> a = infer;
    a.push_back("--draws");
    a.push_back(n);
    return a;
  };
  v.push_back({"infer: V4 evidence, 2,000 draws, 2 threads, cold", "target", infer_draws("2000"), {}, "infer", true, 0, 0,
               "wall", "effective_sample_size"});
  v.push_back({"infer: V4 evidence, 100,000 draws, 2 threads, warm", "target", infer_draws("100000"), {}, "infer", false,
               600.0, 0, "wall", "effective_sample_size"});
  v.push_back({"serve: 100,000 requests on CloudMatrix384", "target", {}, [] {
                 const ServeBenchResult r = bench_serve(100000);
                 return nlohmann::json{{"total_s", r.total_seconds}, {"fit_s", r.fit_seconds},
                                       {"simulate_s", r.simulate_seconds}}.dump();
               },
               "serve", true, 10.0, 0, "wall", "simulate_s"});
  v.push_back({"merge: 1,000 sweep parts", "target", {}, [] {
                 const MergeBenchResult r = bench_merge(1000);
                 return nlohmann::json{{"merge_and_render_s", r.merge_s + r.render_s}, {"rows", r.rows}}.dump();
               },
               "", false, 5.0, 0, "merge_and_render_s", "rows"});
  for (long chips : {512L, 1024L, 2048L, 4096L, 8192L})
    v.push_back({"scaling: V4-Flash step, Atlas 950, " + std::to_string(chips) + " chips, cold", "scaling",
                 step("platforms/specs/atlas950-superpod.toml", "workloads/deepseek-v4-flash-train.toml", chips), {},
                 "scale-" + std::to_string(chips), true, 0, 0, "wall", "chips"});
  // Issue 17: cold step cost against job size, 8k to 524k chips on the Atlas 950 SuperCluster spec
  // (sized to the job), the plan's own pp and microbatches per DP rank kept (V4-Pro pp 16 with 40,
  // V4-Flash pp 2 with 10): dp = chips / pp, batch = microbatches x dp. The 524,288-chip step has
  // its own target (< 30 s, < 4 GiB).
  struct Series { const char* model; const char* workload; long pp, microbatches; };
  for (const Series& s : {Series{"V4-Pro", "workloads/deepseek-v4-pro-train.toml", 16, 40},
                          Series{"V4-Flash", "workloads/deepseek-v4-flash-train.toml", 2, 10}}) {
    const std::string series = std::string("scaling: ") + s.model + " step, Atlas 950 SuperCluster spec";
    for (long chips : {8192L, 16384L, 32768L, 131072L, 524288L}) {
      const long dp = chips / s.pp;
      std::vector<std::string> a = step("platforms/specs/atlas950-supercluster.toml", s.workload, 0);
      for (const std::string& kv : {"training.parallel.chips=" + std::to_string(chips),
                                    "training.parallel.dp=" + std::to_string(dp),
                                    "training.global_batch_sequences=" + std::to_string(dp * s.microbatches)}) {
        a.push_back("--set");
        a.push_back(kv);
      }
      Case c{series + ", " + std::to_string(chips) + " chips, cold", "scaling", a, {}, "", false,
             chips == 524288 ? 30.0 : 0, chips == 524288 ? 4.0 : 0, "cpu", "step_time_s"};
      c.series = series;
      c.chips = chips;
      v.push_back(c);
    }
    Case f{series + ": fitted exponent of CPU s in chips, 8,192 to 131,072", "scaling", {}, {}, "", false, 1.1, 0,
           "exponent", ""};
    f.series = series;
    f.fit = true;
    f.fit_min_chips = 8192;
    f.fit_max_chips = 131072;
    v.push_back(f);
  }
  // Issue 17 item 6: the subset platform against the whole one at 32,768 chips (the whole file's
  // load makes this the slow case: ~45 s of CPU). Target: within 1%.
  v.push_back({"accuracy: V4-Pro step comms at 32,768 chips, subset platform vs whole (max relative difference)", "target",
               {}, [] {
                 const ChipCatalogue cat = load_chip_catalogue();
                 const long chips = 32768, dp = chips / 16;
                 // The series' overrides, routed as `--set` routes them (cmd_step.cpp).
                 std::vector<Override> all{parse_override("training.parallel.chips=" + std::to_string(chips)),
                                           parse_override("training.parallel.dp=" + std::to_string(dp)),
                                           parse_override("training.global_batch_sequences=" + std::to_string(40 * dp))};
                 route_overrides(all);
                 std::vector<Override> ov = take_overrides(&all, "training", false);
                 const TrainingPlan plan = load_training("workloads/deepseek-v4-pro-train.toml", &ov);
                 const PlatformSpec spec =
                     platform_for_chips(load_platform_spec("platforms/specs/atlas950-superpod.toml", cat), chips);
                 const SubsetCheck r = compare_subset_with_whole(plan, spec, cat);
                 return nlohmann::json{{"max_rel_diff", r.max_rel_diff}, {"whole_s", r.whole_s}, {"subset_s", r.subset_s},
                                       {"subset_chips", r.subset_chips}}.dump();
               },
               "", false, 0.01, 0, "max_rel_diff", "whole_s"});
  for (double days : {11.25, 22.5, 45.0, 90.0, 180.0})
    v.push_back({"scaling: run of ~" + fmt("%g", days) + " days on 8,192 chips (per draw, 20 draws)", "scaling", {}, [days] {
                   RunInputs in = bench_run_inputs(load_failure_rates("platforms/failure-rates.toml"));
                   in.tokens *= days / 45.0;
                   const int draws = 20;
                   double fails = 0;
                   const auto t0 = std::chrono::steady_clock::now();
                   for (int k = 1; k <= draws; ++k) {
                     in.seed = std::uint64_t(k);
                     fails += double(simulate_run(in).interruptions_unexpected) / draws;
                   }
                   const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
                   return nlohmann::json{{"seconds_per_draw", s / draws}, {"failures", fails}}.dump();
                 },
                 "", false, 0, 0, "seconds_per_draw", "failures"});
  return v;
}

Row run_case(const Case& c, const std::string& exe, const fs::path& tmp) {
  EnvList env;
  if (c.cache.empty()) {
    env.push_back({"ASCENDSIM_CACHE_DIR", "off"});
  } else {
    const fs::path dir = tmp / c.cache;
    if (c.fresh_cache) fs::remove_all(dir);
    fs::create_directories(dir);
    env.push_back({"ASCENDSIM_CACHE_DIR", dir.string()});
  }
  Row r;
  r.c = c;
  r.m = c.fn ? measure_function(c.fn, env) : measure_exec(exe, c.argv, env);
  r.ok = r.m.exit_status == 0;
  r.metric_s = c.metric == "cpu" ? r.m.cpu_s : r.m.wall_s;
  nlohmann::json out = nlohmann::json::parse(r.m.out, nullptr, false);
  if (r.ok && c.metric != "wall" && c.metric != "cpu") {
    if (out.is_object() && out.contains(c.metric) && out[c.metric].is_number()) r.metric_s = out[c.metric].get<double>();
    else r.ok = false;
  }
  if (out.is_object() && !c.note_key.empty() && out.contains(c.note_key) && out[c.note_key].is_number())
    r.note = c.note_key + " " + fmt("%.4g", out[c.note_key].get<double>());
  if (out.is_object() && out.contains("verdict") && out["verdict"].contains("fits"))
    r.note = std::string("fits ") + (out["verdict"]["fits"].get<bool>() ? "yes" : "no");
  if (out.is_object() && out.contains("montecarlo") && out["montecarlo"].is_object() && out["montecarlo"].contains("p_fit"))
    r.note = "p_fit " + fmt("%.3f", out["montecarlo"]["p_fit"].get<double>());
  if (!r.ok) r.note = r.m.signal ? "killed by signal " + std::to_string(r.m.signal) : "exit " + std::to_string(r.m.exit_status);
  r.met = r.ok && (c.target_s <= 0 || r.metric_s < c.target_s) && (c.target_GiB <= 0 || r.m.peak_rss_GiB < c.target_GiB);
  return r;
}

// The fit row of a series, from the rows measured before it.
Row fit_row(const Case& c, const std::vector<Row>& rows) {
  Row r;
  r.c = c;
  std::vector<double> chips, cpu;
  for (const Row& x : rows)
    if (x.c.series == c.series && !x.c.fit && x.ok && x.c.chips >= c.fit_min_chips && x.c.chips <= c.fit_max_chips) {
      chips.push_back(double(x.c.chips));
      cpu.push_back(std::max(x.m.cpu_s, 1e-3));
    }
  try {
    r.metric_s = fitted_power_exponent(chips, cpu);
    r.ok = true;
    r.met = r.metric_s <= c.target_s;
    r.note = std::to_string(chips.size()) + " sizes";
  } catch (const std::invalid_argument&) {
    r.note = "fewer than two sizes measured";
  }
  return r;
}

std::string target_text(const Case& c) {
  if (c.fit) return "<= " + fmt("%g", c.target_s);
  if (c.target_s <= 0) return "-";
  if (c.metric == "max_rel_diff") return "< " + fmt("%g", c.target_s);
  std::string t = "< " + fmt("%g", c.target_s) + " s" + (c.metric == "seconds_per_draw" ? "/draw" : "");
  if (c.target_GiB > 0) t += ", < " + fmt("%g", c.target_GiB) + " GiB";
  return t;
}

std::string markdown(const std::vector<Row>& rows, const nlohmann::json& machine) {
  std::ostringstream o;
  o << "Measured " << machine.value("date", "") << " on " << machine.value("cpu", "?") << ", "
    << machine.value("nproc", 0u) << " cores, " << machine.value("memory_GiB", 0.0) << " GiB RAM\n\n";
  o << "| case | wall time (s) | measured | peak memory (GiB) | target | met? | note |\n";
  o << "|---|---:|---:|---:|---|---|---|\n";
  for (const Row& r : rows) {
    // Library cases report their own metric: seconds per draw for run-level cases, seconds otherwise.
    const bool per_draw = r.c.metric == "seconds_per_draw";
    const std::string measured = r.c.fit ? fmt("k = %.2f", r.metric_s)
                                 : r.c.metric == "max_rel_diff" ? fmt("%.3g", r.metric_s)
                                 : per_draw ? fmt("%.4f s/draw", r.metric_s)
                                 : fmt("%.2f s", r.metric_s) + (r.c.metric == "cpu" ? " CPU" : "");
    o << "| " << r.c.name << " | " << fmt("%.2f", r.m.wall_s) << " | " << measured << " | "
      << fmt("%.3f", r.m.peak_rss_GiB) << " | " << target_text(r.c) << " | "
      << (!r.ok ? "FAILED" : r.c.target_s <= 0 ? "-" : r.met ? "yes" : "NO") << " | " << r.note << " |\n";
  }
  return o.str();
}

nlohmann::json to_json(const std::vector<Row>& rows, const nlohmann::json& machine) {
  nlohmann::json j{{"machine", machine}, {"cases", nlohmann::json::array()}};
  for (const Row& r : rows) {
    nlohmann::json c{{"name", r.c.name}, {"group", r.c.group}, {"wall_s", r.m.wall_s}, {"cpu_s", r.m.cpu_s},
                     {"peak_rss_GiB", r.m.peak_rss_GiB}, {"measured_s", r.metric_s}, {"measured", r.c.metric},
                     {"ok", r.ok}, {"note", r.note}};
    c["target_s"] = r.c.target_s > 0 ? nlohmann::json(r.c.target_s) : nlohmann::json(nullptr);
    c["target_GiB"] = r.c.target_GiB > 0 ? nlohmann::json(r.c.target_GiB) : nlohmann::json(nullptr);
    c["met"] = r.c.target_s > 0 ? nlohmann::json(r.met) : nlohmann::json(nullptr);
    j["cases"].push_back(c);
  }
  return j;
}

Registrar reg{{"bench", "Measure the speed targets on this machine (each case a child process): wall time, peak memory, met?",
               90, [](CLI::App& sub) {
  struct Opts {
    std::string out, only;
    bool json = false, force = false;
  };
  auto o = std::make_shared<Opts>();
  sub.add_option("-o,--out", o->out, "also write the table (markdown, or JSON with --json) to FILE");
  sub.add_flag("--force", o->force, "let --out replace an existing file");
  sub.add_option("--only", o->only, "run only the cases whose name contains this text");
  sub.add_flag("--json", o->json, "machine-readable output");
  return [o]() -> int {
    if (!o->out.empty()) check_may_write(o->out, "--out", o->force, ForceMeans::ReplaceNamedFile);  // before the work
    if (!fs::exists("platforms/chips.toml"))
      throw InputError(SourceLocation{"command line", 0, 0}, "bench", "run from the repository root (platforms/chips.toml not found)");
    const std::string exe = fs::read_symlink("/proc/self/exe").string();
    char tmpl[] = "/tmp/ascendsim-bench.XXXXXX";
    if (!mkdtemp(tmpl)) throw std::runtime_error("bench: cannot create a temporary directory");
    const fs::path tmp(tmpl);
    std::vector<Row> rows;
    for (const Case& c : all_cases()) {
      if (!o->only.empty() && c.name.find(o->only) == std::string::npos) continue;
      if (!o->json) std::fprintf(stderr, "bench: %s ...\n", c.name.c_str());
      rows.push_back(c.fit ? fit_row(c, rows) : run_case(c, exe, tmp));
    }
    std::error_code ec;
    fs::remove_all(tmp, ec);
    const nlohmann::json machine = machine_info();
    const std::string text = o->json ? to_json(rows, machine).dump(2) + "\n" : markdown(rows, machine);
    if (!o->out.empty()) write_output_file(o->out, text, "--out", o->force);
    if (o->json) print_json(to_json(rows, machine).dump(2));
    else std::fputs(text.c_str(), stdout);
    return 0;
  };
}, "ascendsim bench --only collective"}};

}  // namespace

}  // namespace ascendsim::cli
