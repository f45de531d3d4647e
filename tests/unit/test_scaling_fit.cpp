// The bench's fitted scaling exponent: exact power laws give their exponent back, and three
// equally spaced points on log axes (issue 17's cold step CPU seconds 2.2, 16.4, 81.4 at 8,192 /
// 16,384 / 32,768 chips) give the slope between the end points, as least squares must.
#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

#include "sim/bench/scaling_fit.hpp"

using namespace ascendsim;

TEST_CASE("power fit: exact power laws and the issue-17 series", "[bench]") {
  const std::vector<double> chips{8192, 16384, 32768, 131072};
  std::vector<double> linear, flat, square;
  for (double c : chips) {
    linear.push_back(3e-4 * c);
    flat.push_back(0.6);
    square.push_back(1e-9 * c * c);
  }
  CHECK(fitted_power_exponent(chips, linear) == Approx(1.0).epsilon(1e-12));
  CHECK(fitted_power_exponent(chips, flat) == Approx(0.0).margin(1e-12));
  CHECK(fitted_power_exponent(chips, square) == Approx(2.0).epsilon(1e-12));
  // Least squares of ln 2.2, ln 16.4, ln 81.4 on ln 8192, ln 16384, ln 32768 (steps of ln 2):
  // slope = (ln 81.4 - ln 2.2) / (2 ln 2) = 2.604 for three equally spaced points.
  const double k = fitted_power_exponent({8192, 16384, 32768}, {2.2, 16.4, 81.4});
  CHECK(k == Approx(std::log(81.4 / 2.2) / (2 * std::log(2.0))).epsilon(1e-12));
  CHECK_THROWS_AS(fitted_power_exponent({8192}, {1}), std::invalid_argument);
  CHECK_THROWS_AS(fitted_power_exponent({8192, 8192}, {1, 2}), std::invalid_argument);
  CHECK_THROWS_AS(fitted_power_exponent({8192, 16384}, {0, 2}), std::invalid_argument);
}
