#include "sim/infer/importance.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace ascendsim {

double effective_sample_size(const std::vector<double>& weights) {
  double s = 0, s2 = 0;
  for (double w : weights) s += w, s2 += w * w;
  return s2 > 0 ? s * s / s2 : 0.0;
}

namespace {

// (value, weight) pairs with weight > 0, sorted by value, and their total weight.
std::vector<std::pair<double, double>> sorted_positive(const std::vector<double>& values,
                                                       const std::vector<double>& weights, double* total) {
  if (values.size() != weights.size()) throw std::invalid_argument("weighted sample: values and weights differ in size");
  std::vector<std::pair<double, double>> vw;
  vw.reserve(values.size());
  *total = 0;
  for (std::size_t i = 0; i < values.size(); ++i)
    if (weights[i] > 0) vw.emplace_back(values[i], weights[i]), *total += weights[i];
  std::sort(vw.begin(), vw.end());
  return vw;
}

}  // namespace

double weighted_quantile(const std::vector<double>& values, const std::vector<double>& weights, double q) {
  double total = 0;
  const auto vw = sorted_positive(values, weights, &total);
  if (vw.empty() || !(total > 0)) throw std::invalid_argument("weighted quantile: the total weight is 0");
  q = std::clamp(q, 0.0, 1.0);
  // Each value sits at the midpoint of its weight's share of [0, 1].
  double before = 0;
  double prev_pos = -1, prev_val = vw.front().first;
  for (const auto& [v, w] : vw) {
    const double pos = (before + w / 2) / total;
    if (q <= pos) {
      if (prev_pos < 0) return v;
      const double f = (q - prev_pos) / (pos - prev_pos);
      return prev_val + f * (v - prev_val);
    }
    before += w;
    prev_pos = pos, prev_val = v;
  }
  return vw.back().first;
}

double weighted_cdf(const std::vector<double>& values, const std::vector<double>& weights, double x) {
  if (values.size() != weights.size()) throw std::invalid_argument("weighted cdf: values and weights differ in size");
  double below = 0, total = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!(weights[i] > 0)) continue;
    total += weights[i];
    if (values[i] < x) below += weights[i];
    else if (values[i] == x) below += weights[i] / 2;
  }
  if (!(total > 0)) throw std::invalid_argument("weighted cdf: the total weight is 0");
  return below / total;
}

double weighted_ks_distance(const std::vector<double>& values, const std::vector<double>& weights_a,
                            const std::vector<double>& weights_b) {
  if (values.size() != weights_a.size() || values.size() != weights_b.size())
    throw std::invalid_argument("weighted KS distance: sizes differ");
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) { return values[i] < values[j]; });
  double ta = 0, tb = 0;
  for (std::size_t i = 0; i < values.size(); ++i) ta += std::max(0.0, weights_a[i]), tb += std::max(0.0, weights_b[i]);
  if (!(ta > 0) || !(tb > 0)) throw std::invalid_argument("weighted KS distance: a total weight is 0");
  double fa = 0, fb = 0, d = 0;
  for (std::size_t k = 0; k < order.size();) {
    const double v = values[order[k]];
    // Ties move both CDFs together before the distance is read.
    while (k < order.size() && values[order[k]] == v) {
      fa += std::max(0.0, weights_a[order[k]]) / ta;
      fb += std::max(0.0, weights_b[order[k]]) / tb;
      ++k;
    }
    d = std::max(d, std::abs(fa - fb));
  }
  return d;
}

KsTest ks_uniform_test(std::vector<double> u) {
  KsTest t;
  const std::size_t n = u.size();
  if (n == 0) return t;
  std::sort(u.begin(), u.end());
  for (std::size_t i = 0; i < n; ++i) {
    const double x = std::clamp(u[i], 0.0, 1.0);
    t.d = std::max({t.d, double(i + 1) / n - x, x - double(i) / n});
  }
  const double sn = std::sqrt(double(n));
  const double lambda = (sn + 0.12 + 0.11 / sn) * t.d;
  // Q_KS(lambda) = 2 sum_{j>=1} (-1)^{j-1} exp(-2 j^2 lambda^2).
  double q = 0, sign = 1;
  for (int j = 1; j <= 100; ++j) {
    const double term = sign * 2 * std::exp(-2.0 * j * j * lambda * lambda);
    q += term;
    if (std::abs(term) < 1e-12) break;
    sign = -sign;
  }
  t.p_value = lambda < 1e-3 ? 1.0 : std::clamp(q, 0.0, 1.0);
  return t;
}

}  // namespace ascendsim
