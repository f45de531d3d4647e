// Importance sampling from the prior, in closed form (pure math, no simulation): draws come from
// the prior, each carries the product of its observations' likelihoods as its weight, and every
// posterior quantity is a weighted one. Exact for any likelihood that can be evaluated (no
// tolerance, no adaptive threshold), so shards of draws merge by concatenation.
#pragma once
#include <cstddef>
#include <vector>

namespace ascendsim {

// Kish's effective sample size (sum w)^2 / sum w^2; 0 when every weight is 0.
double effective_sample_size(const std::vector<double>& weights);

// Weighted quantile: the smallest x whose weighted CDF (sum of weights of values <= x, over the
// total) reaches q, interpolated linearly between neighbouring values at the midpoints of their
// weight (so equal weights give Hyndman-Fan type 5). Values with weight 0 do not count. Throws
// std::invalid_argument when the total weight is 0 or sizes differ.
double weighted_quantile(const std::vector<double>& values, const std::vector<double>& weights, double q);

// Weighted CDF at x: (sum of weights of values < x + half the weight of values == x) / total.
double weighted_cdf(const std::vector<double>& values, const std::vector<double>& weights, double x);

// Kolmogorov-Smirnov distance between two weighted samples of the same values (e.g. prior: all
// weights 1; posterior: likelihood weights): sup over x of |F_a(x) - F_b(x)|, in [0, 1].
double weighted_ks_distance(const std::vector<double>& values, const std::vector<double>& weights_a,
                            const std::vector<double>& weights_b);

// One-sample Kolmogorov-Smirnov test of u_1..u_n against Uniform(0, 1): the statistic D_n and its
// asymptotic p-value (Kolmogorov's distribution with Stephens' correction
// sqrt(n) + 0.12 + 0.11 / sqrt(n), Numerical Recipes 14.3).
struct KsTest {
  double d = 0;
  double p_value = 1;
};
KsTest ks_uniform_test(std::vector<double> u);

}  // namespace ascendsim
