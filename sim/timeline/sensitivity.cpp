// One-at-a-time swings, bisection for the fitting boundary, and the schedule-to-draw record.
#include "sim/timeline/sensitivity.hpp"

#include <algorithm>
#include <cmath>

namespace ascendsim {

SensitivityResult sensitivity(const OutcomeFn& fn) {
  SensitivityResult r;
  ParamSampler nominal;
  r.baseline = fn(nominal);
  for (const auto& [key, p] : nominal.uncertain_seen()) {
    SensitivityBar b;
    b.key_path = key;
    b.nominal_value = p.nominal;
    b.dim = p.dim;
    b.low_value = p.dist->low();
    b.high_value = p.dist->high();
    ParamSampler lo, hi;
    lo.set_override(key, b.low_value);
    hi.set_override(key, b.high_value);
    b.outcome_low = fn(lo);
    b.outcome_high = fn(hi);
    b.swing = std::fabs(b.outcome_high - b.outcome_low);
    r.bars.push_back(b);
  }
  std::stable_sort(r.bars.begin(), r.bars.end(), [](const SensitivityBar& a, const SensitivityBar& b) {
    if (a.swing != b.swing) return a.swing > b.swing;
    return a.key_path < b.key_path;
  });
  return r;
}

BoundaryResult bisect_boundary(double fits_at, double fails_at, const std::function<bool(double)>& fits,
                               double tolerance, int max_iterations) {
  BoundaryResult r;
  r.fitting_x = fits_at;
  r.failing_x = fails_at;
  if (!fits(fits_at) || fits(fails_at)) return r;
  r.bracketed = true;
  while (std::fabs(r.fitting_x - r.failing_x) > tolerance && r.iterations < max_iterations) {
    const double mid = 0.5 * (r.fitting_x + r.failing_x);
    ++r.iterations;
    if (fits(mid)) r.fitting_x = mid;
    else r.failing_x = mid;
  }
  return r;
}

DrawResult to_draw_result(const Schedule& s) {
  DrawResult d;
  d.fits = s.fits;
  d.margin_days = s.margin_days.value_or(0.0);
  for (const auto& n : s.nodes) {
    MilestoneOutcome m;
    m.name = n.name;
    m.day = n.finish_day;
    if (n.slack_days) m.on_time = *n.slack_days >= 0;
    d.milestones.push_back(m);
  }
  return d;
}

}  // namespace ascendsim
