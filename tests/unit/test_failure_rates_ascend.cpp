// platforms/failure-rates-ascend.toml carries the NVIDIA-derived rates over to Ascend (its
// `assumption`): the same numbers as platforms/failure-rates.toml, and the supernode MTBF its
// header states, against Huawei's reported "MTBF over 24 hours" (see that file's source).
#include <catch2/catch.hpp>

#include "sim/run/failure_rates.hpp"

using namespace ascendsim;
using Catch::Detail::Approx;

TEST_CASE("Ascend failure rates: the NVIDIA-derived ones carried over, supernode MTBF 113 h") {
  const FailureRates nv = load_failure_rates("platforms/failure-rates.toml");
  const FailureRates as = load_failure_rates("platforms/failure-rates-ascend.toml");
  for (int i = 0; i < kComponentCount; ++i) {
    const auto c = static_cast<Component>(i);
    INFO(component_name(c));
    CHECK(as.of(c).rate_per_component_hour.nominal == nv.of(c).rate_per_component_hour.nominal);
    CHECK(as.of(c).components_per_chip == nv.of(c).components_per_chip);
    CHECK(as.of(c).components_per_job == nv.of(c).components_per_job);
  }
  // Per chip: 1.007e-5 + 4.17e-6 + 2.46e-5/8 + 1.02e-6 + 3.26e-5/32 + 2.93e-5/8 = 2.3016e-5 /h.
  // A 384-chip CloudMatrix384: 8.838e-3 failures an hour, MTBF 113.1 h (> the reported 24 h).
  CHECK(as.total_rate_per_hour(384) == Approx(384 * 2.3016e-5).epsilon(1e-4));
  CHECK(1.0 / as.total_rate_per_hour(384) == Approx(113.14).epsilon(1e-3));
  // An 8,192-chip job: MTBF 1 / (8192 x 2.3016e-5) = 5.30 h.
  CHECK(1.0 / as.total_rate_per_hour(8192) == Approx(5.304).epsilon(1e-3));
}
