#include "sim/infer/infer_report.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "sim/util/date.hpp"

namespace ascendsim {

std::string format_infer_value(double v, Dimension dim) {
  char buf[64];
  if (dim == Dimension::Date) return format_date_floor(v);
  if (dim == Dimension::Fraction) {
    std::snprintf(buf, sizeof buf, "%.3g%%", v * 100);
    return buf;
  }
  if (dim == Dimension::Count) {
    std::snprintf(buf, sizeof buf, "%.4g", v);
    return buf;
  }
  return format_quantity(v, dim);
}

std::string format_infer_shift(double shift, Dimension dim) {
  char buf[64];
  if (dim == Dimension::Date) {
    std::snprintf(buf, sizeof buf, "%+.1f d", shift);
    return buf;
  }
  if (dim == Dimension::Fraction) {
    std::snprintf(buf, sizeof buf, "%+.3g pt", shift * 100);
    return buf;
  }
  if (dim == Dimension::Time) {
    std::snprintf(buf, sizeof buf, "%+.3g d", shift / 86400);
    return buf;
  }
  std::snprintf(buf, sizeof buf, "%+.4g", shift);
  return buf;
}

std::string format_infer_interval(const Interval80& i, Dimension dim) {
  return format_infer_value(i.p50, dim) + " [" + format_infer_value(i.p10, dim) + ", " + format_infer_value(i.p90, dim) + "]";
}

namespace {

std::string pct(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", x * 100);
  return buf;
}

}  // namespace

std::string format_observation(const Observation& o) {
  char buf[96];
  switch (o.kind) {
    case LikelihoodKind::ExistedBy:
      std::snprintf(buf, sizeof buf, " on or before %s (lag uniform on 0..%.0f d)", format_date_floor(o.observed).c_str(), o.max_lag_days);
      return o.output + buf;
    case LikelihoodKind::AtMost: std::snprintf(buf, sizeof buf, " <= %.6g", o.bound); return o.output + buf;
    case LikelihoodKind::AtLeast: std::snprintf(buf, sizeof buf, " >= %.6g", o.bound); return o.output + buf;
    case LikelihoodKind::Normal: std::snprintf(buf, sizeof buf, " ~ normal(%.6g, sd %.3g)", o.observed, o.sd); return o.output + buf;
    case LikelihoodKind::Categorical: return o.output + " (categorical likelihood)";
  }
  return o.output;
}

namespace {

nlohmann::ordered_json interval_json(const Interval80& i) { return {{"p10", i.p10}, {"p50", i.p50}, {"p90", i.p90}}; }

nlohmann::ordered_json quantity_json(const QuantityPosterior& q) {
  nlohmann::ordered_json j{{"name", q.name}, {"unit", q.dim == Dimension::Date ? "days since 1970-01-01" : dimension_unit(q.dim)},
                           {"draws", q.draws}, {"prior", interval_json(q.prior)}};
  if (q.posterior) {
    j["posterior"] = interval_json(*q.posterior);
    j["shift"] = q.shift;
    j["width_ratio"] = q.width_ratio;
    j["ks_distance"] = q.ks_distance;
  } else {
    j["posterior"] = nullptr;
  }
  if (q.dim == Dimension::Date) {
    j["prior_dates"] = {{"p10", format_date_floor(q.prior.p10)}, {"p50", format_date_floor(q.prior.p50)}, {"p90", format_date_floor(q.prior.p90)}};
    if (q.posterior)
      j["posterior_dates"] = {{"p10", format_date_floor(q.posterior->p10)},
                              {"p50", format_date_floor(q.posterior->p50)},
                              {"p90", format_date_floor(q.posterior->p90)}};
  }
  return j;
}

}  // namespace

std::string render_infer_text(const PriorSet& priors, const Evidence& evidence, const InferResult& r, std::size_t top_inputs) {
  const InferenceSummary& s = r.summary;
  std::ostringstream out;
  out << "infer: " << priors.path << " (" << priors.alternatives.size() << " alternative"
      << (priors.alternatives.size() == 1 ? "" : "s") << ") given " << evidence.path << "\n";
  char buf[256];
  std::snprintf(buf, sizeof buf, "  draws %ld, seed %llu: %ld accepted (%s), effective sample size %.1f\n", s.draws,
                static_cast<unsigned long long>(r.seed), s.accepted, pct(s.acceptance_rate).c_str(), s.ess);
  out << buf;
  if (s.suggested_draws)
    out << "  warning: effective sample size " << (s.ess < 10 ? std::to_string(s.ess).substr(0, 4) : std::to_string(long(s.ess)))
        << " is below " << s.min_ess << ": the posterior below is noisy; run about " << *s.suggested_draws
        << " draws (--draws)\n";
  out << "\nobservations (share of prior draws each allows):\n";
  for (std::size_t i = 0; i < evidence.observations.size(); ++i) {
    const Observation& o = evidence.observations[i];
    std::snprintf(buf, sizeof buf, "  %-28s %6s  ", o.name.c_str(), pct(r.observation_prior_rate[i]).c_str());
    out << buf << format_observation(o) << "\n";
  }
  if (!s.choices.empty()) {
    out << "\nchoices (prior -> posterior):\n";
    for (const ChoicePosterior& c : s.choices) {
      std::snprintf(buf, sizeof buf, "  %-18s %-24s %6s -> %6s\n", c.output.c_str(), c.value.c_str(), pct(c.prior).c_str(),
                    pct(c.posterior).c_str());
      out << buf;
    }
  }
  out << "\nwhat must have been true: the inputs the evidence moves most (KS distance prior vs posterior)\n";
  std::size_t shown = 0;
  for (const QuantityPosterior& q : s.inputs) {
    if (shown++ == top_inputs) break;
    const std::string name = q.name.substr(7);  // "inputs."
    if (!q.posterior) {
      out << "  " << name << ": prior " << format_infer_interval(q.prior, q.dim) << ", no weight in its draws\n";
      continue;
    }
    std::snprintf(buf, sizeof buf, "  %2zu. %-44s KS %.2f  ", shown, name.c_str(), q.ks_distance);
    out << buf << "prior " << format_infer_interval(q.prior, q.dim) << " -> posterior " << format_infer_interval(*q.posterior, q.dim)
        << " (shift " << format_infer_shift(q.shift, q.dim) << ")\n";
  }
  if (s.inputs.size() > top_inputs) out << "  ... " << s.inputs.size() - top_inputs << " more in --json\n";
  out << "\nmilestones, prior -> posterior predictive (median [10%, 90%]):\n";
  for (const QuantityPosterior& q : s.milestones) {
    std::snprintf(buf, sizeof buf, "  %-22s ", q.name.substr(11).c_str());
    out << buf << format_infer_interval(q.prior, q.dim) << " -> "
        << (q.posterior ? format_infer_interval(*q.posterior, q.dim) : std::string("no weight"));
    for (const auto& [name, day] : r.observed_days)
      if (name == q.name) out << "  observed " << format_date_floor(day);
    out << "\n";
  }
  return out.str();
}

nlohmann::ordered_json infer_json(const PriorSet& priors, const Evidence& evidence, const InferResult& r) {
  const InferenceSummary& s = r.summary;
  nlohmann::ordered_json j;
  j["schema_version"] = 1;
  j["kind"] = "infer";
  j["priors"] = priors.path;
  j["evidence"] = evidence.path;
  nlohmann::ordered_json alts = nlohmann::ordered_json::array();
  for (const Alternative& a : priors.alternatives) alts.push_back({{"name", a.name}, {"scenario", a.scenario_path}, {"weight", a.weight}});
  j["alternatives"] = alts;
  j["seed"] = r.seed;
  j["draws"] = s.draws;
  j["accepted"] = s.accepted;
  j["acceptance_rate"] = s.acceptance_rate;
  j["effective_sample_size"] = s.ess;
  j["min_effective_sample_size"] = s.min_ess;
  j["suggested_draws"] = s.suggested_draws ? nlohmann::ordered_json(*s.suggested_draws) : nlohmann::ordered_json(nullptr);
  nlohmann::ordered_json obs = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < evidence.observations.size(); ++i) {
    const Observation& o = evidence.observations[i];
    obs.push_back({{"name", o.name}, {"output", o.output}, {"likelihood", likelihood_kind_name(o.kind)},
                   {"prior_share_allowed", r.observation_prior_rate[i]}, {"source", o.source}});
  }
  j["observations"] = obs;
  nlohmann::ordered_json ch = nlohmann::ordered_json::array();
  for (const ChoicePosterior& c : s.choices) ch.push_back({{"output", c.output}, {"value", c.value}, {"prior", c.prior}, {"posterior", c.posterior}});
  j["choices"] = ch;
  nlohmann::ordered_json in = nlohmann::ordered_json::array();
  for (const QuantityPosterior& q : s.inputs) in.push_back(quantity_json(q));
  j["inputs"] = in;
  nlohmann::ordered_json ms = nlohmann::ordered_json::array();
  for (const QuantityPosterior& q : s.milestones) {
    nlohmann::ordered_json m = quantity_json(q);
    for (const auto& [name, day] : r.observed_days)
      if (name == q.name) m["observed"] = format_date_floor(day);
    ms.push_back(m);
  }
  j["milestones"] = ms;
  return j;
}

}  // namespace ascendsim
