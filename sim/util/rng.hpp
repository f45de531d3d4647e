// The one seeded random source, handed down explicitly (never a global). xoshiro256** seeded by
// splitmix64: its output is fully specified, unlike std:: distributions, so the same seed gives the
// same draws with any standard library. fork(k) derives an independent stream for draw k, so a
// Monte Carlo draw's numbers do not depend on which thread ran it or in what order.
#pragma once
#include <cstdint>

namespace ascendsim {

class Rng {
 public:
  explicit Rng(std::uint64_t seed);
  std::uint64_t next_u64();
  double uniform01();                  // [0, 1)
  double uniform(double lo, double hi);
  double normal(double mean, double sd);  // Box-Muller (no cached second value: stateless per call)
  double exponential(double rate);     // mean 1/rate
  Rng fork(std::uint64_t stream) const;  // independent child stream, deterministic in (seed, stream)
  std::uint64_t seed() const { return seed_; }

 private:
  std::uint64_t seed_;
  std::uint64_t s_[4];
};

}  // namespace ascendsim
