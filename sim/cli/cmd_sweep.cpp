// `ascendsim sweep FILE` and `ascendsim merge PART...`: Monte Carlo draws of a scenario, or a
// what-if grid (kind = "sweep"), optionally one deterministic shard of it (--shard K/M) for a
// Slurm job array; merge combines the parts into exactly what the unsharded run writes.
#include <cstdio>
#include <iostream>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "sim/cli/cli_args.hpp"
#include "sim/cli/command.hpp"
#include "sim/cli/infer_outputs.hpp"
#include "sim/infer/infer_parts.hpp"
#include "sim/infer/infer_report.hpp"
#include "sim/cli/per_draw_option.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/sweep/sweep_draws.hpp"
#include "sim/sweep/sweep_run.hpp"
#include "sim/timeline/draw_table.hpp"
#include "sim/timeline/montecarlo.hpp"
#include "sim/trace/output_dir.hpp"
#include "sim/util/provenance.hpp"

namespace ascendsim::cli {

namespace {

KindRegistrar sweep_kind{{"sweep", [](const std::string& path) { (void)load_sweep(path); }}};

std::string file_kind(const std::string& path) {
  TomlDocument doc = TomlDocument::load(path);
  return doc.root().choice("kind", {"scenario", "sweep"});
}

// What the terminal shows for a finished table: P(fit) and margins per grid point.
void print_summary(const SweepTable& t) {
  std::map<std::size_t, std::pair<int, int>> fit;  // point -> (fits, runs)
  std::map<std::size_t, std::vector<double>> margins;
  std::map<std::size_t, std::vector<std::string>> inputs;
  for (const auto& r : t.rows) {
    inputs[r.point] = r.inputs;
    for (const auto& [k, v] : r.outputs) {
      if (k == "fits") { fit[r.point].first += v.is_boolean() && v.get<bool>(); fit[r.point].second += 1; }
      if (k == "margin_days" && v.is_number()) margins[r.point].push_back(v.get<double>());
    }
  }
  std::printf("sweep %s of %s, seed %llu: %zu runs\n", t.identity.c_str(), t.scenario_path.c_str(),
              static_cast<unsigned long long>(t.seed), t.rows.size());
  std::string head;
  for (const auto& a : t.axis_paths) head += a + "  ";
  std::printf("%-6s %s P(fit)  margin p10 / p50 / p90 (days)\n", "point", head.c_str());
  for (const auto& [p, f] : fit) {
    std::string in;
    for (const auto& v : inputs[p]) in += v + "  ";
    const auto& m = margins[p];
    std::printf("%-6zu %s %.3f   %+.1f / %+.1f / %+.1f\n", p, in.c_str(), double(f.first) / f.second,
                percentile(m, 0.1), percentile(m, 0.5), percentile(m, 0.9));
  }
}

const std::vector<std::string> kSweepFiles{"sweep.csv", "sweep.json", "sweep.html"};

// The three files are one set, published all or nothing (docs/outputs.md).
void write_outputs(const SweepTable& t, OutputDir& out) {
  out.publish("sweep", {{"sweep.csv", render_sweep_csv(t)},
                        {"sweep.json", render_sweep_json(t)},
                        {"sweep.html", sweep_heatmap_html(t)}});
}

std::string render_per_draw(const SweepTable& t, bool json) {
  const auto rows = sweep_draw_records(t);
  return json ? render_records_json(rows) : render_records_csv(rows);
}

std::string part_name(const ShardSpec& sh) {
  return "part-" + std::to_string(sh.index) + "-of-" + std::to_string(sh.count) + ".json";
}

Registrar sweep_reg{{"sweep", "Monte Carlo draws of a scenario, or a what-if grid (kind = \"sweep\"); --shard K/M runs one slice",
                     50, [](CLI::App& sub) {
  struct Opts {
    std::string file, out, shard, catalogue, per_draw;
    std::optional<int> draws;  // add_count: 0 .. INT_MAX (a sweep counts draws per point in an int)
    std::optional<std::uint64_t> seed;
    unsigned threads = 1;
    bool force = false, json = false, no_cache = false;
  };
  auto o = std::make_shared<Opts>();
  sub.add_option("file", o->file, "a scenario (Monte Carlo draws) or a sweep file (grid)")->required();
  add_count(sub, "--draws", o->draws, "draws (scenario: default its [montecarlo] draws or 100; sweep: per point)");
  add_count(sub, "--seed", o->seed, "seed (default: the sweep's, else the scenario's)");
  add_count(sub, "--threads", o->threads, "threads for the draws (the result does not depend on it)", 1);
  sub.add_option("--catalogue", o->catalogue, "chip catalogue instead of the scenario's [platform] catalogue, for every point");
  sub.add_option("--shard", o->shard, "run only shard K of M (K/M) and write DIR/part-K-of-M.json");
  sub.add_option("-o,--out", o->out, "write sweep.csv, sweep.json, sweep.html (or the part file) into this directory");
  sub.add_flag("--force", o->force, "write into --out beside files ascendsim did not write (never replaces them)");
  sub.add_flag("--no-cache", o->no_cache, "re-simulate steps instead of reading the step cache");
  sub.add_flag("--json", o->json, "print the table as JSON");
  sub.add_option("--per-draw", o->per_draw,
                 "write one row per Monte Carlo draw (grid point and axis values, sampled inputs by key path, verdict, "
                 "milestone dates) to FILE.csv or FILE.json; not with --shard (merge --per-draw writes it from the parts)");
  return [o]() -> int {
    SweepSpec spec;
    if (file_kind(o->file) == "scenario") {
      const Scenario s = load_scenario(o->file);
      spec = sweep_of_scenario(o->file, o->draws ? *o->draws : (s.draws > 0 ? s.draws : 100), o->seed.value_or(s.seed));
    } else {
      spec = load_sweep(o->file);
      if (o->draws) spec.draws = static_cast<int>(*o->draws);
      if (o->seed) { spec.seed = *o->seed; spec.seed_set = true; }
      refresh_identity(spec);
    }
    if (!o->catalogue.empty()) {  // the scenario's platform.catalogue, as an absolute path (as run --catalogue)
      spec.every_point.push_back(parse_override(
          "platform.catalogue=" + nlohmann::json(std::filesystem::absolute(o->catalogue).string()).dump()));
      refresh_identity(spec);
    }
    std::optional<ShardSpec> shard;
    if (!o->shard.empty()) {
      shard = parse_shard(o->shard);
      if (o->out.empty()) throw InputError(SourceLocation{"--shard", 0, 0}, "--out", "a shard writes its part file into --out DIR");
    }
    bool per_draw_json = false;
    if (!o->per_draw.empty()) {
      if (shard)
        throw InputError(SourceLocation{"--per-draw", 0, 0}, "--per-draw " + o->per_draw,
                         "a shard writes only its part file; give --per-draw to merge");
      per_draw_json = check_per_draw_target(o->per_draw, spec.draws, o->force);
    }
    std::optional<OutputDir> out;
    if (!o->out.empty()) out.emplace(o->out, o->force);  // refuse a foreign directory before the work
    if (out) out->claim(shard ? std::vector<std::string>{part_name(*shard)} : kSweepFiles);
    SweepRunOptions ro;
    ro.threads = o->threads;
    ro.shard = shard ? &*shard : nullptr;
    ro.use_cache = !o->no_cache;
    SweepTable t = run_sweep(spec, ro);
    ProvenanceFacts pf;
    if (o->draws) pf.options["draws"] = *o->draws;
    if (o->seed) pf.options["seed"] = *o->seed;
    if (shard) pf.options["shard"] = o->shard;
    pf.options["no_cache"] = o->no_cache;
    pf.threads = o->threads;
    pf.cache = step_cache_facts(!o->no_cache);
    pf.cache.steps_from_cache = t.steps_from_cache;
    pf.cache.steps_simulated = t.steps_simulated;
    t.provenance = provenance_json(pf);
    if (shard) {
      const std::string name = part_name(*shard);
      out->write(name, render_part_json(t, *shard));
      if (!o->json) std::printf("wrote %s (%zu of %zu runs)\n", out->path(name).c_str(), t.rows.size(), t.items_total);
      return 0;
    }
    if (!o->per_draw.empty()) write_per_draw(o->per_draw, render_per_draw(t, per_draw_json), o->force);
    if (out) write_outputs(t, *out);
    if (o->json) print_json(render_sweep_json(t));
    else print_summary(t);
    return 0;
  };
}, "ascendsim sweep timelines/v4-ascend-thesis.toml --draws 20 --threads 2"}};

Registrar merge_reg{{"merge", "Combine sweep (or infer) part files from --shard into what the unsharded command writes",
                     51, [](CLI::App& sub) {
  auto parts = std::make_shared<std::vector<std::string>>();
  auto out = std::make_shared<std::string>();
  auto force = std::make_shared<bool>(false);
  auto json = std::make_shared<bool>(false);
  auto per_draw = std::make_shared<std::string>();
  sub.add_option("parts", *parts, "part files (part-K-of-M.json)")->required();
  sub.add_option("--per-draw", *per_draw, "write the merged per-draw table (as sweep --per-draw) to FILE.csv or FILE.json");
  sub.add_option("-o,--out", *out, "write sweep.csv, sweep.json, sweep.html (infer parts: infer.json, report.html) into this directory");
  sub.add_flag("--force", *force, "write into --out beside files ascendsim did not write (never replaces them)");
  sub.add_flag("--json", *json, "print the merged table as JSON");
  return [=]() -> int {
    if (is_infer_part(parts->front())) {  // parts of `infer --shard`: the unsharded infer's output
      if (!per_draw->empty())
        throw InputError(SourceLocation{"--per-draw", 0, 0}, "--per-draw " + *per_draw, "infer parts have no per-draw table; --out DIR writes infer.json and report.html");
      std::optional<OutputDir> dir;
      if (!out->empty()) {
        dir.emplace(*out, *force);
        dir->claim(kInferFiles);
      }
      const MergedInference m = merge_infer_parts(*parts);
      ProvenanceFacts pf;
      pf.cache = step_cache_facts(false);  // merge reads part files only
      print_infer_outputs(m.priors, m.evidence, m.result, provenance_json(pf), *json, 10, dir ? &*dir : nullptr);
      return 0;
    }
    SweepTable t = merge_parts(*parts);
    bool per_draw_json = false;
    if (!per_draw->empty()) {
      long draws = 0;
      for (const auto& r : t.rows) draws += r.draw >= 0;
      per_draw_json = check_per_draw_target(*per_draw, draws, *force);
    }
    ProvenanceFacts pf;
    pf.cache = step_cache_facts(false);  // merge reads part files only, never the step cache
    t.provenance = provenance_json(pf);
    if (!out->empty()) {
      OutputDir dir(*out, *force);
      dir.claim(kSweepFiles);
      write_outputs(t, dir);
    }
    if (!per_draw->empty()) write_per_draw(*per_draw, render_per_draw(t, per_draw_json), *force);
    if (*json) print_json(render_sweep_json(t));
    else print_summary(t);
    return 0;
  };
}, "ascendsim sweep timelines/v4-ascend-thesis.toml --draws 4 --shard 1/1 --out /tmp/ascendsim-parts --force && ascendsim merge /tmp/ascendsim-parts/part-1-of-1.json"}};

}  // namespace

}  // namespace ascendsim::cli
