#include "sim/sweep/sweep_run.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>

#include "sim/scenario/scenario_analysis.hpp"
#include "sim/trace/report_charts.hpp"
#include "sim/timeline/draw_table.hpp"
#include "sim/util/date.hpp"
#include "sim/util/hash.hpp"
#include "sim/util/progress.hpp"
#include "sim/util/provenance.hpp"

namespace ascendsim {

namespace {

std::vector<std::pair<std::string, nlohmann::json>> outputs_of(const DrawResult& d) {
  std::vector<std::pair<std::string, nlohmann::json>> out{{"fits", d.fits}, {"margin_days", d.margin_days}};
  for (const auto& m : d.milestones) out.emplace_back("date:" + m.name, format_date_floor(m.day));
  return out;
}

}  // namespace

SweepSpec sweep_of_scenario(const std::string& scenario_path, long draws, std::uint64_t seed) {
  SweepSpec s;
  s.file = scenario_path;
  s.scenario_path = scenario_path;
  s.seed = seed;
  s.seed_set = true;
  s.draws = static_cast<int>(draws);
  refresh_identity(s);
  return s;
}

SweepTable run_sweep(const SweepSpec& spec, const SweepRunOptions& o) {
  SweepTable t;
  t.identity = spec.identity;
  t.sweep_file = spec.file;
  t.scenario_path = spec.scenario_path;
  const std::size_t per_point = static_cast<std::size_t>(std::max(spec.draws, 1));
  t.items_total = spec.point_count() * per_point;
  for (const auto& a : spec.axes) t.axis_paths.push_back(a.path);
  // One seed for every item (and every shard, even one that gets no items): the sweep's, else the
  // base scenario's.
  t.seed = spec.seed_set ? spec.seed : load_scenario(spec.scenario_path).seed;
  std::size_t mine = 0;  // this shard's items
  for (std::size_t p = 0; p < spec.point_count(); ++p)
    for (std::size_t k = 0; k < per_point; ++k) mine += !o.shard || in_shard(p * per_point + k, *o.shard);
  Progress progress("sweep runs", mine);
  for (std::size_t p = 0; p < spec.point_count(); ++p) {
    std::vector<std::size_t> items;
    for (std::size_t k = 0; k < per_point; ++k)
      if (!o.shard || in_shard(p * per_point + k, *o.shard)) items.push_back(p * per_point + k);
    if (items.empty()) continue;
    std::vector<Override> overrides = spec.point(p);
    overrides.insert(overrides.end(), spec.every_point.begin(), spec.every_point.end());
    Scenario s = load_scenario(spec.scenario_path, &overrides);
    check_overrides_used(overrides);
    s.seed = t.seed;
    StepProvider steps(s, o.use_cache);
    std::vector<std::string> inputs;
    progress.detail("point " + std::to_string(p + 1) + " of " + std::to_string(spec.point_count()));
    for (const auto& ov : spec.point(p)) inputs.push_back(ov.value_text);
    if (spec.draws == 0) {
      ParamSampler nominal;
      const DrawResult d = to_draw_result(evaluate_scenario(s, steps, nominal, EvaluateOptions{s.seed, false}).schedule);
      t.rows.push_back(SweepRow{p * per_point, p, -1, inputs, outputs_of(d), {}});
    } else {
      // Draw k of the point uses Rng(seed).fork(k), exactly as `run --draws` does; only this
      // shard's draws are evaluated, in parallel, and collected by index.
      std::vector<std::size_t> draws;
      for (std::size_t item : items) draws.push_back(item - p * per_point);
      const auto results = run_draws(draws.size(), o.threads, 0, [&](std::uint64_t j, Rng&) {
        Rng rng = Rng(s.seed).fork(draws[j]);
        ParamSampler values(rng);
        DrawResult d = to_draw_result(evaluate_scenario(s, steps, values, EvaluateOptions{draw_run_seed(rng), false}).schedule);
        const auto seen = values.uncertain_seen();  // the same inputs run --per-draw lists
        for (const auto& [key, param] : seen) d.inputs.push_back({key, param.dim, values.value(param)});
        return d;
      }, "draws of this point");
      for (std::size_t j = 0; j < draws.size(); ++j) {
        SweepRow row{items[j], p, static_cast<int>(draws[j]), inputs, outputs_of(results[j]), {}};
        for (const auto& in : results[j].inputs)
          row.sampled.emplace_back(draw_input_column(in), in.dim == Dimension::Date ? nlohmann::json(format_date_floor(in.value))
                                                                                   : nlohmann::json(in.value));
        t.rows.push_back(std::move(row));
      }
    }
    t.steps_from_cache += steps.from_cache();
    t.steps_simulated += steps.simulations() - steps.from_cache();
    progress.advance(items.size());
  }
  return t;
}

std::string sweep_heatmap_html(const SweepTable& t) {
  auto esc = [](const std::string& s) {
    std::string o;
    for (char c : s) o += c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '&' ? "&amp;" : c == '"' ? "&quot;" : std::string(1, c);
    return o;
  };
  // Mean margin and share of fitting draws per (first axis, second axis) cell.
  std::vector<std::string> xs, ys;
  std::map<std::pair<std::string, std::string>, std::pair<double, int>> margin;
  std::map<std::pair<std::string, std::string>, int> fits;
  for (const auto& r : t.rows) {
    const std::string x = r.inputs.size() > 0 ? r.inputs[0] : "all";
    const std::string y = r.inputs.size() > 1 ? r.inputs[1] : "";
    if (std::find(xs.begin(), xs.end(), x) == xs.end()) xs.push_back(x);
    if (std::find(ys.begin(), ys.end(), y) == ys.end()) ys.push_back(y);
    double m = 0;
    bool f = false;
    for (const auto& [k, v] : r.outputs) {
      if (k == "margin_days" && v.is_number()) m = v.get<double>();
      if (k == "fits" && v.is_boolean()) f = v.get<bool>();
    }
    auto& cell = margin[{x, y}];
    cell.first += m;
    cell.second += 1;
    fits[{x, y}] += f;
  }
  ReportHeatmap hm;
  hm.column_input = t.axis_paths.size() > 0 ? t.axis_paths[0] : "";
  hm.row_input = t.axis_paths.size() > 1 ? t.axis_paths[1] : "";
  hm.columns = xs;
  hm.rows = ys;
  for (std::size_t i = 0; i < xs.size(); ++i)
    for (std::size_t j = 0; j < ys.size(); ++j) {
      const auto key = std::make_pair(xs[i], ys[j]);
      if (!margin.count(key)) continue;
      const auto& [sum, runs] = margin[key];
      hm.cells.push_back(HeatCell{i, j, sum / runs, static_cast<double>(fits[key]) / runs, runs});
    }
  // The provenance block of sweep.json, as a table (tests drop exactly this section by its id).
  std::string prov;
  if (!t.provenance.is_null()) {
    prov = "<section id=\"provenance\"><h2 style=\"font-size:16px\">Provenance</h2><p class=\"caption\">What this sweep was "
           "computed from: version, command line, options, input files (FNV-1a 64 content hashes) and the step cache.</p>"
           "<table style=\"border-collapse:collapse;overflow-wrap:anywhere;word-break:break-word\">";
    for (const auto& [k, v] : provenance_rows(t.provenance))
      prov += "<tr><th style=\"text-align:left;padding:2px 12px 2px 0;vertical-align:top\">" + esc(k) + "</th><td>" + esc(v) + "</td></tr>";
    prov += "</table></section>";
  }
  const std::string svg = responsive_chart([&](double w) { return heatmap_svg(hm, w); }) +
                          "<p class=\"caption\">Cell: mean margin in days over the cell's runs (+ = days to spare, "
                          "\u2212 = days late) and the share of its runs that fit.</p>";
  return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>ascendsim sweep</title><style>"
         "body{font:15px/1.5 sans-serif;margin:24px;color:#1f2933}svg.chart{display:block;max-width:100%;height:auto}"
         "svg text{fill:#1f2933;font-size:13px}.tick-label{fill:#5f6b7a;font-size:12px}.axis-title{font-size:13.5px;font-weight:600;fill:#5f6b7a}"
         ".row-label{font-size:13px}.cell-value{font-size:13px;font-weight:600}.cell-share{font-size:11px}.tick{stroke:#8a94a3}"
         ".caption{color:#5f6b7a;font-size:13px}" + std::string(kResponsiveChartCss) + "</style></head>"
         "<body><h1 style=\"font-size:20px\">Sweep of " + esc(t.scenario_path) +
         "</h1><p>" + std::to_string(t.rows.size()) + " runs, seed " + std::to_string(t.seed) + ", sweep " + esc(t.identity) +
         "</p>" + svg + prov + "</body></html>\n";
}

}  // namespace ascendsim
