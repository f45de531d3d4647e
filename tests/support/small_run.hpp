// The small run the run-level unit tests work by hand: 64 chips (8 hosts of 8), 2 s steps, 1,000
// steps of 1M tokens, 80 GB checkpoints written and read at min(8 x 1 GB/s, the aggregate), a
// checkpoint every 500 s (250 steps), no failures. Tests change what their case needs.
#pragma once
#include "sim/run/run_model.hpp"

namespace ascendsim::testing {

inline RunInputs small_run() {
  RunInputs in;
  in.chips_planned = 64;
  in.replica_chips = 8;
  in.tokens_per_step = 1e6;
  in.tokens = 1000 * 1e6;
  in.step_time_s = [](long) { return 2.0; };
  in.checkpoint_bytes = 80e9;
  in.policy.checkpoint.write_Bps_per_node = 1e9;
  in.policy.checkpoint.read_Bps_per_node = 1e9;
  in.policy.checkpoint.interval_s = Param(500.0);  // 250 steps
  return in;
}

}  // namespace ascendsim::testing
