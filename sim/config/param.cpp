#include "sim/config/param.hpp"

#include <algorithm>
#include <cmath>

namespace ascendsim {

namespace {
double clamp_opt(double v, const std::optional<double>& lo, const std::optional<double>& hi) {
  if (lo) v = std::max(v, *lo);
  if (hi) v = std::min(v, *hi);
  return v;
}
constexpr double kZ90 = 1.2815515655446004;  // standard normal 90th percentile
}  // namespace

double Distribution::sample(Rng& rng) const {
  switch (kind) {
    case Kind::Uniform: return rng.uniform(low_value, high_value);
    case Kind::Triangular: {
      const double u = rng.uniform01();
      const double a = low_value, c = mode_value, b = high_value;
      if (b <= a) return a;
      const double fc = (c - a) / (b - a);
      return u < fc ? a + std::sqrt(u * (b - a) * (c - a)) : b - std::sqrt((1 - u) * (b - a) * (b - c));
    }
    case Kind::Normal: return clamp_opt(rng.normal(mean, sd), clamp_min, clamp_max);
    case Kind::Lognormal: return clamp_opt(median * std::exp(rng.normal(0.0, sigma)), clamp_min, clamp_max);
    case Kind::Discrete: {
      double total = 0;
      for (double w : weights) total += w;
      double u = rng.uniform01() * total;
      for (std::size_t i = 0; i < values.size(); ++i) {
        if (u < weights[i]) return values[i];
        u -= weights[i];
      }
      return values.back();
    }
  }
  return 0;
}

double Distribution::low() const {
  switch (kind) {
    case Kind::Uniform:
    case Kind::Triangular: return low_value;
    case Kind::Normal: return clamp_opt(mean - kZ90 * sd, clamp_min, clamp_max);
    case Kind::Lognormal: return clamp_opt(median * std::exp(-kZ90 * sigma), clamp_min, clamp_max);
    case Kind::Discrete: return *std::min_element(values.begin(), values.end());
  }
  return 0;
}

double Distribution::high() const {
  switch (kind) {
    case Kind::Uniform:
    case Kind::Triangular: return high_value;
    case Kind::Normal: return clamp_opt(mean + kZ90 * sd, clamp_min, clamp_max);
    case Kind::Lognormal: return clamp_opt(median * std::exp(kZ90 * sigma), clamp_min, clamp_max);
    case Kind::Discrete: return *std::max_element(values.begin(), values.end());
  }
  return 0;
}

double Distribution::default_nominal() const {
  switch (kind) {
    case Kind::Uniform: return 0.5 * (low_value + high_value);
    case Kind::Triangular: return mode_value;
    case Kind::Normal: return clamp_opt(mean, clamp_min, clamp_max);
    case Kind::Lognormal: return clamp_opt(median, clamp_min, clamp_max);
    case Kind::Discrete: {
      std::size_t best = 0;
      for (std::size_t i = 1; i < weights.size(); ++i)
        if (weights[i] > weights[best]) best = i;
      return values[best];
    }
  }
  return 0;
}

const char* Distribution::kind_name() const {
  switch (kind) {
    case Kind::Uniform: return "uniform";
    case Kind::Triangular: return "triangular";
    case Kind::Normal: return "normal";
    case Kind::Lognormal: return "lognormal";
    case Kind::Discrete: return "discrete";
  }
  return "?";
}

}  // namespace ascendsim
