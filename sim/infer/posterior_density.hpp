// Prior and posterior densities of one sampled quantity on shared bins (pure): the prior is the
// draws with equal weights, the posterior the same draws with their likelihood weights. What the
// inference report overlays per input.
#pragma once
#include <optional>
#include <vector>

namespace ascendsim {

struct DensityBins {
  double lo = 0, hi = 0;           // bin edges: lo + k (hi - lo) / n, k = 0..n
  std::vector<double> prior;       // density per unit of the value over all draws: area 1 - prior_outside
  std::vector<double> posterior;   // same bins, area 1 - posterior_outside; all 0 when no weight
  double prior_outside = 0;        // share of the prior's draws outside [lo, hi] (not drawn)
  double posterior_outside = 0;    // ... of the posterior's weight
};

// Equal-width bins over the central 99% of the prior and of the posterior together (from the
// smaller of their 0.5% quantiles to the larger of their 99.5% quantiles), so neither tail
// stretches the axis and a posterior in the prior's tail is still shown. Values outside count in
// the `*_outside` shares. std::nullopt when there are no values or they span no range (a constant).
std::optional<DensityBins> prior_posterior_density(const std::vector<double>& values, const std::vector<double>& weights,
                                                   int bins);

}  // namespace ascendsim
