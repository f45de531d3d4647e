// Param resolution for one evaluation: override > per-key seeded draw > nominal.
#include "sim/config/param_sampler.hpp"

#include "sim/util/hash.hpp"

namespace ascendsim {

std::uint64_t fnv1a64(const std::string& text) { return Hasher().add(text).value(); }

double ParamSampler::value(const Param& p) {
  if (!p.key_path.empty()) resolved_.insert(p.key_path);
  if (p.uncertain() && !p.key_path.empty()) seen_.emplace(p.key_path, p);
  if (auto it = overrides_.find(p.key_path); it != overrides_.end() && !p.key_path.empty()) return it->second;
  if (!rng_ || !p.uncertain()) return p.nominal;
  if (auto it = drawn_.find(p.key_path); it != drawn_.end()) return it->second;
  Rng stream = rng_->fork(fnv1a64(p.key_path));
  const double v = p.dist->sample(stream);
  drawn_.emplace(p.key_path, v);
  return v;
}

}  // namespace ascendsim
