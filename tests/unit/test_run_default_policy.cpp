// The default run policy (`ascendsim train` without --policy): async checkpoints under the
// interval rule, the chip family's rates file, 3% hot-spare hosts rounded up.
#include <catch2/catch.hpp>

#include "sim/run/run_policy.hpp"

using namespace ascendsim;

TEST_CASE("default run policy: async, the chip family's rates, 3% spare hosts rounded up") {
  const RunPolicy h800 = default_run_policy("nvidia-h800", 256);  // 2,048 chips / 8 per host
  CHECK(h800.checkpoint.mode == CheckpointMode::Asynchronous);
  CHECK_FALSE(h800.checkpoint.interval_s.has_value());         // the rule, not a fixed interval
  CHECK(h800.checkpoint.min_interval_s.nominal == 600.0);      // 10 min
  CHECK(h800.failures.rates_file == "platforms/failure-rates.toml");
  CHECK(h800.failures.spare_hosts == 8);                       // ceil(0.03 x 256 = 7.68)
  const RunPolicy ascend = default_run_policy("ascend-910b", 1024);  // 8,192 chips
  CHECK(ascend.failures.rates_file == "platforms/failure-rates-ascend.toml");
  CHECK(ascend.failures.spare_hosts == 31);                    // ceil(30.72)
  CHECK(default_run_policy("ascend-950pr", 100).failures.spare_hosts == 3);  // 3.0 exactly: no round-up
  CHECK(default_run_policy("nvidia-h100", 0).failures.spare_hosts == 0);
}
