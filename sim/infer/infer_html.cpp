#include "sim/infer/infer_html.hpp"

#include <cstdio>

#include "sim/infer/infer_report.hpp"
#include "sim/infer/posterior_density.hpp"
#include "sim/trace/infer_charts.hpp"
#include "sim/trace/report_charts.hpp"
#include "sim/trace/report_html.hpp"
#include "sim/util/date.hpp"
#include "sim/util/provenance.hpp"

namespace ascendsim {

namespace {

struct DisplayUnit {
  double per_base = 1;  // display value = base value x per_base
  std::string title;
};

DisplayUnit display_unit(Dimension dim) {
  switch (dim) {
    case Dimension::Date: return {1, "date"};
    case Dimension::Fraction: return {100, "percent"};
    case Dimension::Time: return {1.0 / 86400, "days"};
    case Dimension::DataSize: return {1e-9, "GB"};
    case Dimension::Bandwidth: return {1e-9, "GB/s"};
    case Dimension::FlopRate: return {1e-12, "TFLOP/s"};
    case Dimension::Count: return {1, "value"};
  }
  return {1, ""};
}

ReportInterval scaled(const Interval80& i, double k) { return {i.p10 * k, i.p50 * k, i.p90 * k}; }

std::string pct(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", x * 100);
  return buf;
}

std::string number(double x, const char* f) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, x);
  return buf;
}

const char* const kInferCss =
    ".density-grid{display:grid;grid-template-columns:1fr 1fr;gap:8px 22px}"
    "@media (max-width:1099px){.density-grid{grid-template-columns:1fr}}"
    ".density-grid .chart-narrow svg.chart{min-width:0}"
    ".chart-title{font-size:13px;font-weight:620}.ks-label{font-size:12px;fill:var(--muted)}"
    ".density-prior{fill:#9aa5b1;fill-opacity:.35;stroke:#6b7785;stroke-width:1.2}"
    ".density-posterior{fill:var(--blue);fill-opacity:.35;stroke:var(--blue);stroke-width:1.6}"
    ".density-median{stroke:var(--ink);stroke-width:1.2;stroke-dasharray:4 3}"
    ".prior-median{stroke:#6b7785}.posterior-median{stroke:var(--blue)}"
    ".prior-band,.choice-prior,.predictive-prior{fill:#9aa5b1}"
    ".posterior-band,.choice-posterior,.predictive-posterior{fill:var(--blue)}"
    ".band-median{stroke:var(--ink);stroke-width:2}"
    ".warning{border-left:6px solid var(--bad)}";

}  // namespace

std::optional<ReportDensity> input_density(const InferResult& r, const QuantityPosterior& q, int bins) {
  std::vector<double> values, weights;
  const DisplayUnit u = display_unit(q.dim);
  for (const WeightedDraw& d : r.draws) {
    const auto it = d.outputs.numbers.find(q.name);
    if (it == d.outputs.numbers.end()) continue;
    values.push_back(it->second * u.per_base);
    weights.push_back(d.weight);
  }
  const std::optional<DensityBins> b = prior_posterior_density(values, weights, bins);
  if (!b) return std::nullopt;
  ReportDensity dn;
  dn.input = q.name.rfind("inputs.", 0) == 0 ? q.name.substr(7) : q.name;
  dn.axis_title = u.title;
  dn.dates = q.dim == Dimension::Date;
  dn.lo = b->lo;
  dn.hi = b->hi;
  dn.prior = b->prior;
  dn.posterior = b->posterior;
  dn.prior_interval = scaled(q.prior, u.per_base);
  if (q.posterior) dn.posterior_interval = scaled(*q.posterior, u.per_base);
  dn.ks_distance = q.ks_distance;
  return dn;
}

std::string render_infer_html(const PriorSet& priors, const Evidence& evidence, const InferResult& r,
                              const nlohmann::json& provenance) {
  const InferenceSummary& s = r.summary;
  std::string o = report_page_start((priors.name.empty() ? priors.path : priors.name) + " given " + evidence.path + " \u2014 ascendsim inference",
                                    "ascendsim inference report", priors.name.empty() ? priors.path : priors.name,
                                    "Prior draws of " + priors.path + " (" + std::to_string(priors.alternatives.size()) +
                                        (priors.alternatives.size() == 1 ? " alternative" : " alternatives") +
                                        "), each weighted by the likelihood of the evidence in " + evidence.path +
                                        " (importance sampling, exact).",
                                    kInferCss);
  ReportTable summary{"", {"quantity", "value"}, {}};
  summary.rows.push_back({"prior draws", std::to_string(s.draws)});
  summary.rows.push_back({"seed", std::to_string(r.seed)});
  summary.rows.push_back({"draws with weight > 0", std::to_string(s.accepted) + " (" + pct(s.acceptance_rate) + ")"});
  summary.rows.push_back({"effective sample size", number(s.ess, "%.1f")});
  std::string body = report_table(summary);
  if (s.suggested_draws)
    body = "<p class=\"caption\"><strong>Warning:</strong> the effective sample size " + number(s.ess, "%.1f") + " is below " +
           std::to_string(s.min_ess) + ": the posterior is noisy; run about " + std::to_string(*s.suggested_draws) +
           " draws (--draws).</p>" + body;
  o += report_section("summary", "Draws and weights", "How many prior draws the evidence allows, and how many independent draws the weighted sample is worth.", body);

  ReportTable obs{"", {"observation", "what it says", "share of prior draws it allows", "source"}, {}};
  for (std::size_t i = 0; i < evidence.observations.size(); ++i) {
    const Observation& ob = evidence.observations[i];
    obs.rows.push_back({ob.name, format_observation(ob), pct(r.observation_prior_rate[i]), ob.source});
  }
  o += report_section("observations", "Evidence", "Each observation's likelihood, and the share of prior draws it gives weight above 0.", report_table(obs));

  if (!s.choices.empty()) {
    std::vector<ReportChoice> cs;
    ReportTable t{"", {"choice", "value", "prior", "posterior"}, {}};
    for (const ChoicePosterior& c : s.choices) {
      cs.push_back({c.output, c.value, c.prior, c.posterior});
      t.rows.push_back({c.output, c.value, pct(c.prior), pct(c.posterior)});
    }
    o += report_section("choices", "Posterior of each choice",
                        "The share of prior draws that took each alternative (or ran pretraining on each chip) against its posterior probability given the evidence.",
                        responsive_chart([&](double w) { return choice_bars_svg(cs, w); }) + report_table(t));
  }

  if (!s.milestones.empty()) {
    std::vector<ReportPredictive> rows;
    ReportTable t{"", {"milestone", "prior median [10%, 90%]", "posterior predictive", "observed"}, {}};
    for (const QuantityPosterior& q : s.milestones) {
      ReportPredictive p;
      p.milestone = q.name.rfind("milestones.", 0) == 0 ? q.name.substr(11) : q.name;
      p.prior = scaled(q.prior, 1);
      if (q.posterior) p.posterior = scaled(*q.posterior, 1);
      std::string observed = "\u2014";
      for (const auto& [name, day] : r.observed_days)
        if (name == q.name) { p.observed_day = day; observed = format_date_floor(day); }
      rows.push_back(p);
      t.rows.push_back({p.milestone, format_infer_interval(q.prior, q.dim), q.posterior ? format_infer_interval(*q.posterior, q.dim) : "no weight", observed});
    }
    o += report_section("milestones", "Milestone dates: prior and posterior predictive",
                        "Each milestone's simulated date over the prior draws and over the weighted (posterior) draws, against the date it was observed.",
                        responsive_chart([&](double w) { return predictive_dates_svg(rows, w); }) + report_table(t));
  }

  if (!s.inputs.empty()) {
    std::string grid = "<div class=\"density-grid\">";
    ReportTable t{"", {"rank", "input", "prior median [10%, 90%]", "posterior", "shift", "KS distance"}, {}};
    std::size_t rank = 0;
    for (const QuantityPosterior& q : s.inputs) {
      ++rank;
      const std::string name = q.name.rfind("inputs.", 0) == 0 ? q.name.substr(7) : q.name;
      t.rows.push_back({std::to_string(rank), name, format_infer_interval(q.prior, q.dim),
                        q.posterior ? format_infer_interval(*q.posterior, q.dim) : "no weight",
                        q.posterior ? format_infer_shift(q.shift, q.dim) : "\u2014", number(q.ks_distance, "%.2f")});
      const std::optional<ReportDensity> dn = input_density(r, q);
      if (!dn) continue;
      grid += "<div>" + responsive_chart([&](double w) { return density_svg(*dn, w == kWideChart_px ? kDensityWide_px : w); }) + "</div>";
    }
    grid += "</div>";
    o += report_section("inputs", "What must have been true: prior against posterior of every input",
                        "Ranked by how far the evidence moved each input (Kolmogorov-Smirnov distance between its prior and posterior). "
                        "Densities over the central 99% of draws; grey prior, blue posterior.",
                        grid + report_table(t));
  }

  if (!provenance.is_null()) {
    ReportTable t{"", {"item", "value"}, {}};
    for (const auto& [k, v] : provenance_rows(provenance)) t.rows.push_back({k, v});
    o += report_section("provenance", "Provenance", "What this report was computed from: version, command line, options, input files "
                        "(FNV-1a 64 content hashes) and the step cache.",
                        "<div style=\"overflow-wrap:anywhere;word-break:break-word\">" + report_table(t) + "</div>");
  }
  return o + report_page_end("Generated by ascendsim from the priors and the evidence; every date is simulated unless marked observed.");
}

}  // namespace ascendsim
