// Closed forms for the checkpoint interval (Young 1974, Daly 2006) and the expected lost work.
#include "sim/run/checkpoint_interval.hpp"

#include <cmath>
#include <limits>

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

IntervalChoice policy_interval(double blocking_s, double persist_s, double mtbf_s, double min_interval_s,
                               double max_storage_share) {
  IntervalChoice c;
  c.min_s = min_interval_s;
  c.storage_s = max_storage_share > 0 ? persist_s / max_storage_share : persist_s;
  if (!(mtbf_s > 0) || !std::isfinite(mtbf_s)) {
    c.daly_s = c.interval_s = std::numeric_limits<double>::infinity();
    c.rule = "no failures";
    return c;
  }
  c.daly_s = blocking_s > 0 ? daly_interval_s(blocking_s, mtbf_s) : 0.0;
  c.interval_s = c.daly_s;
  c.rule = "daly";
  if (c.min_s > c.interval_s) { c.interval_s = c.min_s; c.rule = "min_interval"; }
  if (c.storage_s > c.interval_s) { c.interval_s = c.storage_s; c.rule = "storage"; }
  return c;
}

}  // namespace ascendsim
