// Uncertainty questions over any model written as a function of a ParamSampler: the one-at-a-time
// sensitivity swing (each uncertain input at its Distribution::low() and high() with the rest at
// nominal, ranked by effect on the outcome: tornado data), the boundary of fitting by bisection
// on one scalar input (smallest share of output, latest start date), and Schedule -> DrawResult.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "sim/timeline/calendar.hpp"
#include "sim/timeline/montecarlo.hpp"
#include "sim/config/param_sampler.hpp"

namespace ascendsim {

// The model's outcome for one evaluation, normally the final milestone's day.
using OutcomeFn = std::function<double(ParamSampler& values)>;

struct SensitivityBar {
  std::string key_path;         // the input swung
  Dimension dim = Dimension::Count;  // its unit, for labels
  double nominal_value = 0;
  double low_value = 0, high_value = 0;          // Distribution::low() / high()
  double outcome_low = 0, outcome_high = 0;      // the outcome with the input at low / high
  double swing = 0;                              // |outcome_high - outcome_low|
};

struct SensitivityResult {
  double baseline = 0;                // outcome with every input at nominal
  std::vector<SensitivityBar> bars;   // largest swing first; ties by key path
};

// Evaluates fn once at nominal (recording every uncertain input it reads), then twice per input.
SensitivityResult sensitivity(const OutcomeFn& fn);

struct BoundaryResult {
  bool bracketed = false;  // fits(fits_at) was true and fits(fails_at) false
  double fitting_x = 0;    // the boundary, on the fitting side, within tolerance
  double failing_x = 0;    // the nearest value known not to fit
  int iterations = 0;
};

// Bisection for the boundary of fitting on one scalar input, assuming fitting changes once
// between fits_at and fails_at (either may be the larger). Stops when |fitting - failing| <= tolerance.
BoundaryResult bisect_boundary(double fits_at, double fails_at, const std::function<bool(double x)>& fits,
                               double tolerance, int max_iterations = 200);

// One Monte Carlo draw's record of a schedule: fits, margin, and each milestone's date and
// on-time flag (phases are included by their finish). Margin is 0 when nothing is limited.
DrawResult to_draw_result(const Schedule& s);

}  // namespace ascendsim
