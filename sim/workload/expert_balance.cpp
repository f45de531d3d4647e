// Closed-form busiest-rank load of expert parallelism (expert_balance.hpp).
#include "sim/workload/expert_balance.hpp"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>

namespace ascendsim {

double expected_max_standard_normal(long n) {
  if (n <= 1) return 0.0;
  const double q = (double(n) - 0.375) / (double(n) + 0.25);
  return boost::math::quantile(boost::math::normal_distribution<double>(0.0, 1.0), q);
}

double expert_load_imbalance(double mean_pairs_per_rank, long ep, long local_experts, double routing_skew) {
  if (ep <= 1 || mean_pairs_per_rank <= 0) return 1.0;
  const double P = mean_pairs_per_rank, L = double(std::max(1L, local_experts));
  const double rel_var = (1.0 - 1.0 / double(ep)) / P + routing_skew * routing_skew / L;
  const double z = expected_max_standard_normal(ep);
  // The busiest rank cannot receive more than every pair of the group (ep × P).
  return std::min(double(ep), 1.0 + z * std::sqrt(rel_var));
}

}  // namespace ascendsim
