// Closed forms for the checkpoint interval (Young 1974, Daly 2006) and the expected lost work.
#include "sim/run/checkpoint_interval.hpp"

#include <cmath>

namespace ascendsim {

double young_interval_s(double checkpoint_cost_s, double mtbf_s) {
  return std::sqrt(2.0 * checkpoint_cost_s * mtbf_s);
}

double daly_interval_s(double delta, double m) {
  if (delta >= 2.0 * m) return m;
  const double x = delta / (2.0 * m);
  return std::sqrt(2.0 * delta * m) * (1.0 + std::sqrt(x) / 3.0 + x / 9.0) - delta;
}

double expected_lost_work_s(double lambda, double tau) {
  const double lt = lambda * tau;
  if (lt < 1e-6) return tau / 2.0 - lambda * tau * tau / 12.0;  // series, avoids cancellation
  return 1.0 / lambda - tau / std::expm1(lt);
}

}  // namespace ascendsim
