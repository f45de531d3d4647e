#include "sim/sweep/sweep_run.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>

#include "sim/scenario/scenario_analysis.hpp"
#include "sim/util/date.hpp"
#include "sim/util/hash.hpp"
#include "sim/util/progress.hpp"

namespace ascendsim {

namespace {

std::string num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::vector<std::pair<std::string, std::string>> outputs_of(const DrawResult& d) {
  std::vector<std::pair<std::string, std::string>> out{{"fits", d.fits ? "true" : "false"},
                                                       {"margin_days", num(d.margin_days)}};
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
      t.rows.push_back(SweepRow{p * per_point, p, -1, inputs, outputs_of(d)});
    } else {
      // Draw k of the point uses Rng(seed).fork(k), exactly as `run --draws` does; only this
      // shard's draws are evaluated, in parallel, and collected by index.
      std::vector<std::size_t> draws;
      for (std::size_t item : items) draws.push_back(item - p * per_point);
      const auto results = run_draws(draws.size(), o.threads, 0, [&](std::uint64_t j, Rng&) {
        Rng rng = Rng(s.seed).fork(draws[j]);
        ParamSampler values(rng);
        return to_draw_result(evaluate_scenario(s, steps, values, EvaluateOptions{draw_run_seed(rng), false}).schedule);
      }, "draws of this point");
      for (std::size_t j = 0; j < draws.size(); ++j)
        t.rows.push_back(SweepRow{items[j], p, static_cast<int>(draws[j]), inputs, outputs_of(results[j])});
    }
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
      if (k == "margin_days") m = std::strtod(v.c_str(), nullptr);
      if (k == "fits") f = v == "true";
    }
    auto& cell = margin[{x, y}];
    cell.first += m;
    cell.second += 1;
    fits[{x, y}] += f;
  }
  const int cw = 150, ch = 46, left = 170, top = 60;
  const int w = left + cw * static_cast<int>(xs.size()) + 20, h = top + ch * static_cast<int>(ys.size()) + 60;
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(w) + " " +
                    std::to_string(h) + "\" width=\"100%\" style=\"max-width:" + std::to_string(w) + "px\" font-family=\"sans-serif\" font-size=\"13\">";
  const std::string xname = t.axis_paths.size() > 0 ? t.axis_paths[0] : "";
  const std::string yname = t.axis_paths.size() > 1 ? t.axis_paths[1] : "";
  svg += "<text x=\"" + std::to_string(left) + "\" y=\"20\" font-weight=\"bold\">" + esc(xname) + " (columns)</text>";
  svg += "<text x=\"10\" y=\"" + std::to_string(top - 10) + "\" font-weight=\"bold\">" + esc(yname) + "</text>";
  for (std::size_t i = 0; i < xs.size(); ++i)
    svg += "<text x=\"" + std::to_string(left + cw * static_cast<int>(i) + cw / 2) + "\" y=\"" + std::to_string(top - 10) +
           "\" text-anchor=\"middle\">" + esc(xs[i]) + "</text>";
  for (std::size_t j = 0; j < ys.size(); ++j) {
    const int y0 = top + ch * static_cast<int>(j);
    svg += "<text x=\"10\" y=\"" + std::to_string(y0 + ch / 2 + 5) + "\">" + esc(ys[j]) + "</text>";
    for (std::size_t i = 0; i < xs.size(); ++i) {
      const auto key = std::make_pair(xs[i], ys[j]);
      if (!margin.count(key)) continue;
      const double m = margin[key].first / margin[key].second;
      const double share = static_cast<double>(fits[key]) / margin[key].second;
      // Red (does not fit) to green (fits) by the share of fitting runs; text gives the mean margin.
      const int red = static_cast<int>(std::lround(214 - 170 * share)), green = static_cast<int>(std::lround(96 + 90 * share));
      char fill[16];
      std::snprintf(fill, sizeof fill, "#%02x%02x%02x", red, green, 90);
      svg += "<rect class=\"cell\" x=\"" + std::to_string(left + cw * static_cast<int>(i)) + "\" y=\"" + std::to_string(y0) +
             "\" width=\"" + std::to_string(cw - 4) + "\" height=\"" + std::to_string(ch - 4) + "\" fill=\"" + fill + "\"/>";
      char label[64];
      std::snprintf(label, sizeof label, "%+.1f d, fits %.0f%%", m, 100 * share);
      svg += "<text x=\"" + std::to_string(left + cw * static_cast<int>(i) + cw / 2 - 2) + "\" y=\"" +
             std::to_string(y0 + ch / 2 + 3) + "\" text-anchor=\"middle\" fill=\"white\">" + label + "</text>";
    }
  }
  svg += "<text x=\"" + std::to_string(left) + "\" y=\"" + std::to_string(h - 20) +
         "\">cell: mean margin in days (+ = to spare) and share of runs that fit</text></svg>";
  return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>ascendsim sweep</title></head>"
         "<body style=\"font-family:sans-serif;margin:24px\"><h1 style=\"font-size:20px\">Sweep of " + esc(t.scenario_path) +
         "</h1><p>" + std::to_string(t.rows.size()) + " runs, seed " + std::to_string(t.seed) + ", sweep " + esc(t.identity) +
         "</p>" + svg + "</body></html>\n";
}

}  // namespace ascendsim
