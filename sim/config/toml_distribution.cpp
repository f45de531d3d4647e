// Uncertain inputs: a plain quantity or an inline distribution table
// ({ dist = "normal", mean = ..., sd = ..., min = ..., max = ... }), read into a Param.
#include <algorithm>
#include <cmath>

#include "sim/config/toml_detail.hpp"
#include "sim/config/units.hpp"
#include "sim/util/date.hpp"

namespace ascendsim {

using toml_detail::as_node;

Param Section::distribution(const void* vp, const std::string& key, Dimension dim, double min, double max) const {
  const toml::table* t = as_node(vp)->as_table();
  doc_->opened.emplace_back(t, key_path(key));
  Section d(doc_, t, key_path(key));
  Param p;
  p.dim = dim;
  p.key_path = param_name(key);
  Distribution dist;
  auto fmt = [&](double x) { return dim == Dimension::Date ? format_date(static_cast<long>(x)) : format_quantity(x, dim); };
  const std::string kind = d.choice("dist", {"uniform", "triangular", "normal", "lognormal", "discrete"});
  auto q = [&](const char* k) { return d.quantity(k, dim, min, max); };
  // Lognormal and normal spreads are plain numbers (sd in the value's unit, sigma in log space).
  if (kind == "uniform") {
    dist.kind = Distribution::Kind::Uniform;
    dist.low_value = q("low");
    dist.high_value = q("high");
    if (dist.high_value < dist.low_value) d.error("high", "must not be below low");
  } else if (kind == "triangular") {
    dist.kind = Distribution::Kind::Triangular;
    dist.low_value = q("low");
    dist.mode_value = q("mode");
    dist.high_value = q("high");
    if (!(dist.low_value <= dist.mode_value && dist.mode_value <= dist.high_value))
      d.error("mode", "expected low <= mode <= high");
  } else if (kind == "normal") {
    dist.kind = Distribution::Kind::Normal;
    dist.mean = q("mean");
    dist.sd = dim == Dimension::Date ? d.number("sd_days", 0, 1e6)
                                     : d.quantity("sd", dim == Dimension::Fraction ? Dimension::Fraction : dim, 0, 1e300);
  } else if (kind == "lognormal") {
    dist.kind = Distribution::Kind::Lognormal;
    dist.median = q("median");
    dist.sigma = d.number("sigma", 0, 10);
    if (dist.median <= 0) d.error("median", "must be positive for a lognormal");
  } else {
    dist.kind = Distribution::Kind::Discrete;
    const toml::node* vs = as_node(d.node("values"));
    const toml::node* ws = as_node(d.node("weights"));
    if (!vs || !vs->is_array() || vs->as_array()->empty()) d.error("values", "expected a non-empty array of values");
    else
      for (const auto& e : *vs->as_array()) {
        auto v = d.scalar_quantity(&e, "values", dim, min, max);
        dist.values.push_back(v ? *v : 0.0);
      }
    if (ws && ws->is_array()) {
      for (const auto& e : *ws->as_array()) {
        if (!e.is_number()) { d.error("weights", "expected numbers"); dist.weights.push_back(1); continue; }
        const double w = e.is_integer() ? static_cast<double>(e.as_integer()->get()) : e.as_floating_point()->get();
        if (!(w >= 0) || !std::isfinite(w)) d.error("weights", "weights must be non-negative");
        dist.weights.push_back(std::isfinite(w) && w >= 0 ? w : 0);
      }
    } else if (ws) {
      d.error("weights", "expected an array of numbers");
    }
    if (dist.weights.empty()) dist.weights.assign(dist.values.size(), 1.0);
    if (dist.weights.size() != dist.values.size()) {
      d.error("weights", "expected as many weights as values");
      dist.weights.assign(dist.values.size(), 1.0);
    }
    double total = 0;
    for (double w : dist.weights) total += w;
    if (dist.values.empty()) { dist.values = {0}; dist.weights = {1}; }
    else if (!(total > 0)) { d.error("weights", "weights must not all be zero"); dist.weights.assign(dist.values.size(), 1.0); }
  }
  if (kind == "normal" || kind == "lognormal") {
    dist.clamp_min = d.quantity_opt("min", dim, -1e300, 1e300);
    dist.clamp_max = d.quantity_opt("max", dim, -1e300, 1e300);
    if (dist.clamp_min && dist.clamp_max && *dist.clamp_min > *dist.clamp_max)
      d.error("max", "must not be below min (" + fmt(*dist.clamp_min) + "), found " + fmt(*dist.clamp_max));
    const double centre = kind == "normal" ? dist.mean : dist.median;
    const char* centre_key = kind == "normal" ? "mean" : "median";
    if (dist.clamp_min && centre < *dist.clamp_min)
      d.error(centre_key, std::string("must not be below min (") + fmt(*dist.clamp_min) + "), found " + fmt(centre));
    else if (dist.clamp_max && centre > *dist.clamp_max)
      d.error(centre_key, std::string("must not be above max (") + fmt(*dist.clamp_max) + "), found " + fmt(centre));
    if (!dist.clamp_min && min > -1e299) dist.clamp_min = min;  // never draw outside the key's range
    if (!dist.clamp_max && max < 1e299) dist.clamp_max = max;
  }

  p.nominal = d.has("nominal") ? d.quantity("nominal", dim, min, max) : dist.default_nominal();
  if (d.has("nominal")) {
    // The nominal value must be one the distribution can produce.
    double lo = -1e300, hi = 1e300;
    if (kind == "uniform" || kind == "triangular") lo = dist.low_value, hi = dist.high_value;
    else if (kind == "discrete" && !dist.values.empty())
      lo = *std::min_element(dist.values.begin(), dist.values.end()),
      hi = *std::max_element(dist.values.begin(), dist.values.end());
    else {
      if (dist.clamp_min) lo = *dist.clamp_min;
      if (dist.clamp_max) hi = *dist.clamp_max;
    }
    if (lo <= hi && (p.nominal < lo || p.nominal > hi))
      d.error("nominal", "must lie within the distribution's range [" + fmt(lo) + ", " + fmt(hi) + "], found " +
                             fmt(p.nominal));
  }
  p.dist = dist;
  return p;
}

Param Section::param(const std::string& key, Dimension dim, double min, double max) const {
  const void* n = node(key);
  if (!n) {
    error(key, std::string("missing (expected ") + dimension_name(dim) + " or a distribution)");
    return Param(min > 0 && min < 1e299 ? min : 1.0);
  }
  if (as_node(n)->is_table()) return distribution(n, key, dim, min, max);
  Param p;
  p.dim = dim;
  p.key_path = param_name(key);
  auto v = scalar_quantity(n, key, dim, min, max);
  p.nominal = v ? *v : (min > 0 && min < 1e299 ? min : 1.0);
  return p;
}

Param Section::param_or(const std::string& key, Dimension dim, double fallback, double min, double max) const {
  if (has(key)) return param(key, dim, min, max);
  Param p(fallback);
  p.dim = dim;
  p.key_path = param_name(key);
  return p;
}

}  // namespace ascendsim
