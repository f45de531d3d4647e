#include "sim/infer/posterior.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "sim/infer/importance.hpp"

namespace ascendsim {

namespace {

QuantityPosterior summarize_quantity(const std::vector<WeightedDraw>& draws, const std::string& name, Dimension dim) {
  QuantityPosterior q;
  q.name = name;
  q.dim = dim;
  std::vector<double> v, w, ones;
  for (const WeightedDraw& d : draws) {
    const auto it = d.outputs.numbers.find(name);
    if (it == d.outputs.numbers.end()) continue;
    v.push_back(it->second);
    w.push_back(d.weight);
    ones.push_back(1.0);
  }
  q.draws = long(v.size());
  if (v.empty()) return q;
  q.prior = {weighted_quantile(v, ones, 0.1), weighted_quantile(v, ones, 0.5), weighted_quantile(v, ones, 0.9)};
  double total = 0;
  for (double x : w) total += x;
  if (!(total > 0)) return q;
  Interval80 post{weighted_quantile(v, w, 0.1), weighted_quantile(v, w, 0.5), weighted_quantile(v, w, 0.9)};
  q.posterior = post;
  q.shift = post.p50 - q.prior.p50;
  const double pw = q.prior.p90 - q.prior.p10;
  q.width_ratio = pw > 0 ? (post.p90 - post.p10) / pw : 1.0;
  q.ks_distance = weighted_ks_distance(v, ones, w);
  return q;
}

}  // namespace

InferenceSummary summarize_inference(const std::vector<WeightedDraw>& draws,
                                     const std::vector<std::pair<std::string, Dimension>>& input_dims,
                                     const std::vector<std::string>& milestone_names, long min_ess) {
  InferenceSummary s;
  s.draws = long(draws.size());
  s.min_ess = min_ess;
  std::vector<double> w;
  for (const WeightedDraw& d : draws) {
    w.push_back(d.weight);
    if (d.weight > 0) ++s.accepted;
  }
  s.acceptance_rate = s.draws ? double(s.accepted) / double(s.draws) : 0.0;
  s.ess = effective_sample_size(w);
  if (s.ess < double(min_ess)) {
    // ESS grows in proportion to the draws for a fixed evidence: scale to reach min_ess twice over.
    const double per_draw = s.ess > 0 ? s.ess / double(std::max<long>(1, s.draws)) : 1.0 / double(std::max<long>(1, s.draws));
    s.suggested_draws = long(std::ceil(2.0 * double(min_ess) / per_draw));
  }
  for (const auto& [name, dim] : input_dims) s.inputs.push_back(summarize_quantity(draws, name, dim));
  std::stable_sort(s.inputs.begin(), s.inputs.end(), [](const QuantityPosterior& a, const QuantityPosterior& b) {
    return a.ks_distance > b.ks_distance;
  });
  for (const std::string& m : milestone_names) s.milestones.push_back(summarize_quantity(draws, m, Dimension::Date));
  // Choices: every label output, every value seen.
  std::map<std::string, std::map<std::string, std::pair<double, double>>> counts;  // output -> value -> (n, weight)
  double total_w = 0;
  for (double x : w) total_w += x;
  for (const WeightedDraw& d : draws)
    for (const auto& [out, val] : d.outputs.labels) {
      auto& c = counts[out][val];
      c.first += 1;
      c.second += d.weight;
    }
  for (const auto& [out, vals] : counts)
    for (const auto& [val, c] : vals)
      s.choices.push_back({out, val, c.first / double(std::max<long>(1, s.draws)), total_w > 0 ? c.second / total_w : 0.0});
  return s;
}

}  // namespace ascendsim
