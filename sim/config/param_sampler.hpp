// Resolves uncertain inputs (Param) to numbers for one evaluation of a model: the nominal value
// (deterministic run), a seeded draw (one Monte Carlo draw), or a forced value for one key (the
// sensitivity swing). Draws are keyed by the Param's key path, so a value does not depend on the
// order in which the model reads its inputs, and the same input read twice gets the same value.
#pragma once
#include <map>
#include <set>
#include <optional>
#include <string>

#include "sim/config/param.hpp"
#include "sim/util/rng.hpp"

namespace ascendsim {

class ParamSampler {
 public:
  // Without an Rng: every Param resolves to its nominal value.
  ParamSampler() = default;
  // With an Rng (normally `Rng(seed).fork(draw_index)`): every uncertain Param is drawn from the
  // stream `rng.fork(fnv1a64(key_path))`; fixed Params resolve to their nominal value.
  explicit ParamSampler(Rng rng) : rng_(rng) {}

  // Forces the value of the input at `key_path` (takes precedence over nominal and draws).
  void set_override(const std::string& key_path, double value) { overrides_[key_path] = value; }

  // The value of `p` for this evaluation; records uncertain Params in `uncertain_seen()`.
  double value(const Param& p);
  double operator()(const Param& p) { return value(p); }

  // Every uncertain Param resolved so far, by key path (the inputs a sensitivity analysis swings).
  const std::map<std::string, Param>& uncertain_seen() const { return seen_; }
  // True when any Param (fixed or uncertain) with this key path was resolved.
  bool resolved(const std::string& key_path) const { return resolved_.count(key_path) > 0; }
  const std::set<std::string>& resolved_paths() const { return resolved_; }
  bool drawing() const { return rng_.has_value(); }

 private:
  std::optional<Rng> rng_;
  std::map<std::string, double> overrides_;
  std::map<std::string, double> drawn_;
  std::map<std::string, Param> seen_;
  std::set<std::string> resolved_;
};

// Stable hash of a key path (sim/util/hash.hpp): the stream number of that input within a draw.
std::uint64_t fnv1a64(const std::string& text);

}  // namespace ascendsim
