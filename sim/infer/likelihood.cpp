#include "sim/infer/likelihood.hpp"

#include <cmath>

namespace ascendsim {

long fleet_on(const DrawOutputs& d, long day) {
  long chips = 0;
  for (const auto& [at, n] : d.fleet) {
    if (at > day) break;
    chips = n;
  }
  return chips;
}

namespace {

[[noreturn]] void no_output(const Observation& o, const DrawOutputs& d, bool label) {
  std::string names;
  for (const auto& [k, v] : d.numbers) names += (names.empty() ? "" : ", ") + k;
  for (const auto& [k, v] : d.labels) names += (names.empty() ? "" : ", ") + k;
  names += ", fleet.usable_chips";
  throw InputError(o.where, "observation." + o.name + ".output",
                   std::string("no ") + (label ? "named" : "numeric") + " output " + quote_value(o.output) +
                       " in this scenario's draws; outputs: " + names);
}

double number_of(const Observation& o, const DrawOutputs& d) {
  if (o.output == "fleet.usable_chips") {
    if (!o.on_day)
      throw InputError(o.where, "observation." + o.name + ".on", "fleet.usable_chips is read on a date: add on = YYYY-MM-DD");
    return double(fleet_on(d, *o.on_day));
  }
  const auto it = d.numbers.find(o.output);
  if (it == d.numbers.end()) no_output(o, d, false);
  return it->second;
}

}  // namespace

double observation_likelihood(const Observation& o, const DrawOutputs& d) {
  if (!o.only_if_output.empty()) {
    const auto it = d.labels.find(o.only_if_output);
    if (it == d.labels.end()) {
      Observation c = o;
      c.output = o.only_if_output;
      no_output(c, d, true);
    }
    if (it->second != o.only_if_equals) return 1.0;
  }
  switch (o.kind) {
    case LikelihoodKind::ExistedBy: {
      const double lag = o.observed - number_of(o, d);
      return lag >= 0 && lag <= o.max_lag_days ? 1.0 / o.max_lag_days : 0.0;
    }
    case LikelihoodKind::AtMost: return number_of(o, d) <= o.bound ? 1.0 : 0.0;
    case LikelihoodKind::AtLeast: return number_of(o, d) >= o.bound ? 1.0 : 0.0;
    case LikelihoodKind::Normal: {
      const double z = (o.observed - number_of(o, d)) / o.sd;
      return std::exp(-0.5 * z * z) / (o.sd * std::sqrt(2 * M_PI));
    }
    case LikelihoodKind::Categorical: {
      const auto it = d.labels.find(o.output);
      if (it == d.labels.end()) no_output(o, d, true);
      const auto p = o.probability.find(it->second);
      return p != o.probability.end() ? p->second : o.otherwise;
    }
  }
  return 0.0;
}

double evidence_likelihood(const Evidence& e, const DrawOutputs& d) {
  double w = 1.0;
  for (const Observation& o : e.observations) {
    w *= observation_likelihood(o, d);
    if (w == 0) break;
  }
  return w;
}

}  // namespace ascendsim
