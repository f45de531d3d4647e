// An input number that may be uncertain. Every numeric input is read as a Param: a nominal value
// (used by the deterministic run) and, optionally, a distribution (used by Monte Carlo draws and
// the sensitivity swing). Written in TOML either as a plain quantity ("20%") or as an inline table:
//   { dist = "uniform",    low = "15%", high = "25%" }
//   { dist = "triangular", low = ..., mode = ..., high = ... }
//   { dist = "normal",     mean = ..., sd = ..., min = ..., max = ... }   (min/max clamp, optional)
//   { dist = "lognormal",  median = ..., sigma = 0.3 }                    (sigma in log space)
//   { dist = "discrete",   values = [...], weights = [...] }
// Any of them may add `nominal = ...` (default: uniform midpoint, triangular mode, normal mean,
// lognormal median, discrete value with the largest weight) and `assumption = "..."`.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "sim/config/units.hpp"
#include "sim/util/rng.hpp"

namespace ascendsim {

struct Distribution {
  enum class Kind { Uniform, Triangular, Normal, Lognormal, Discrete };
  Kind kind = Kind::Uniform;
  double low_value = 0, mode_value = 0, high_value = 0;  // uniform, triangular
  double mean = 0, sd = 0;                               // normal
  double median = 0, sigma = 0;                          // lognormal
  std::optional<double> clamp_min, clamp_max;            // normal, lognormal
  std::vector<double> values, weights;                   // discrete

  double sample(Rng& rng) const;
  // The swing used by the sensitivity analysis: support bounds for bounded distributions,
  // 10th and 90th percentiles for normal and lognormal.
  double low() const;
  double high() const;
  double default_nominal() const;
  const char* kind_name() const;
};

struct Param {
  double nominal = 0;
  std::optional<Distribution> dist;  // absent: a fixed value
  std::string key_path;              // where it came from, for sensitivity labels
  Dimension dim = Dimension::Count;

  Param() = default;
  Param(double v) : nominal(v) {}  // NOLINT: a fixed value reads naturally as a number
  bool uncertain() const { return dist.has_value(); }
  double draw(Rng& rng) const { return dist ? dist->sample(rng) : nominal; }
};

}  // namespace ascendsim
