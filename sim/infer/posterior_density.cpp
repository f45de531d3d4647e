#include "sim/infer/posterior_density.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "sim/infer/importance.hpp"

namespace ascendsim {

std::optional<DensityBins> prior_posterior_density(const std::vector<double>& values, const std::vector<double>& weights,
                                                   int bins) {
  if (values.size() != weights.size()) throw std::invalid_argument("prior_posterior_density: sizes differ");
  if (values.empty() || bins < 1) return std::nullopt;
  const std::vector<double> ones(values.size(), 1.0);
  double total_w = 0;
  for (double w : weights) total_w += w;
  double lo = weighted_quantile(values, ones, 0.005), hi = weighted_quantile(values, ones, 0.995);
  if (total_w > 0) {
    lo = std::min(lo, weighted_quantile(values, weights, 0.005));
    hi = std::max(hi, weighted_quantile(values, weights, 0.995));
  }
  if (!(hi > lo)) {  // the central 99% is one value: fall back to the whole range
    lo = *std::min_element(values.begin(), values.end());
    hi = *std::max_element(values.begin(), values.end());
    if (!(hi > lo)) return std::nullopt;
  }
  DensityBins d;
  d.lo = lo;
  d.hi = hi;
  d.prior.assign(static_cast<std::size_t>(bins), 0.0);
  d.posterior.assign(static_cast<std::size_t>(bins), 0.0);
  const double width = (hi - lo) / bins;
  double prior_in = 0, post_in = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double v = values[i];
    if (v < lo || v > hi) continue;
    const auto k = static_cast<std::size_t>(std::min<double>(bins - 1, std::floor((v - lo) / width)));
    d.prior[k] += 1;
    d.posterior[k] += weights[i];
    prior_in += 1;
    post_in += weights[i];
  }
  const double n = static_cast<double>(values.size());
  for (double& x : d.prior) x /= n * width;
  d.prior_outside = (n - prior_in) / n;
  if (total_w > 0) {
    for (double& x : d.posterior) x /= total_w * width;
    d.posterior_outside = std::max(0.0, (total_w - post_in) / total_w);
  }
  return d;
}

}  // namespace ascendsim
