// See scaling_fit.hpp.
#include "sim/bench/scaling_fit.hpp"

#include <cmath>
#include <stdexcept>

namespace ascendsim {

double fitted_power_exponent(const std::vector<double>& size, const std::vector<double>& cost) {
  if (size.size() != cost.size() || size.size() < 2) throw std::invalid_argument("power fit: need two or more points");
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  const double n = double(size.size());
  for (std::size_t i = 0; i < size.size(); ++i) {
    if (!(size[i] > 0) || !(cost[i] > 0)) throw std::invalid_argument("power fit: sizes and costs must be positive");
    const double x = std::log(size[i]), y = std::log(cost[i]);
    sx += x, sy += y, sxx += x * x, sxy += x * y;
  }
  const double den = n * sxx - sx * sx;
  if (!(den > 1e-12 * n * sxx)) throw std::invalid_argument("power fit: the sizes are all equal");
  return (n * sxy - sx * sy) / den;
}

}  // namespace ascendsim
