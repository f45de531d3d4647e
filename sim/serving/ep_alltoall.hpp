// EP dispatch/combine timing on the platform: one MoE layer's all-to-all among the NPUs of a pool,
// simulated with SimGrid (through sim/engine/comm_simulation, never SimGrid directly) at two sizes
// and fitted exactly (CM02 all-to-all time is affine in size: latency + bytes/bandwidth); cached per run.
#pragma once
#include <string>

#include "sim/serving/serving_cost.hpp"

namespace ascendsim {

struct EpCommFit {
  AllToAllModel decode;   // per decode die
  AllToAllModel prefill;  // per prefill die
  long simulated_messages = 0;
};

// Simulates (in one simulate_comm_patterns call) the decode instance's all-to-all on chips
// [0, decode NPUs) and a prefill instance's on the chips after the decode pool. Each die's traffic
// shares its NPU's port, so an NPU sends dies x the per-die bytes. Throws InputError when the
// deployment needs more NPUs than the platform has.
EpCommFit fit_ep_alltoall(const std::string& platform_path, const ServingModel& s);

}  // namespace ascendsim
