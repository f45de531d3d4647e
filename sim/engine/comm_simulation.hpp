// Communication patterns simulated on a SimGrid platform: collectives (one actor per rank running
// its step program over mailbox point-to-point comms, activities created lazily) and flow sets
// (host-to-host comms started as their dependencies finish). Each pattern runs alone on an idle
// platform; the patterns of one call share one engine run in a forked child process, one after the
// other in simulated time, so the platform file is parsed once per call (batch your patterns). Times come from SimGrid CM02 (latency + size/bandwidth per
// flow, max-min sharing between flows); nothing here is a fitted constant.
#pragma once
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "sim/engine/collective_schedule.hpp"
#include "sim/engine/flow_set.hpp"

namespace ascendsim {

struct CollectiveSpec {
  CollectiveOp op = CollectiveOp::AllReduce;
  CollectiveAlgorithm algorithm = CollectiveAlgorithm::Auto;
  std::vector<int> chips;   // chip_index of each rank, in rank order (ring order)
  double bytes = 0;         // nccl-tests convention, see RankProgram in collective_schedule.hpp
  double reduce_Bps = 0;    // reduction throughput per chip (bytes reduced per second); 0: free
  int ranks_per_node = 0;   // hierarchical only; 0: from the platform (chips grouped by node)
  // When > 0: the ranks are chips 0..first_chips-1 (`chips` is ignored), checked against the
  // platform inside the simulation, so a command that takes "the first N chips" loads it once.
  int first_chips = 0;
  // Set by a command line: a bad first_chips or an unsupported algorithm is then an InputError at
  // these options ("--chips", "--algorithm") instead of std::invalid_argument.
  std::string chips_option, algorithm_option;
};

struct CollectiveResult {
  CollectiveOp op = CollectiveOp::AllReduce;
  CollectiveAlgorithm algorithm = CollectiveAlgorithm::Ring;  // resolved (never Auto)
  int ranks = 0;
  int ranks_per_node = 0;       // as used by hierarchical, else as found on the platform (0: uneven)
  double bytes = 0;
  double time_s = 0;            // from the first send to the last rank finishing
  double algbw_Bps = 0;         // bytes / time_s
  double busbw_Bps = 0;         // algbw x bus_bandwidth_factor(op, ranks)
  std::uint64_t messages = 0;   // point-to-point comms simulated
};

using CommPattern = std::variant<CollectiveSpec, FlowSet>;
using CommPatternResult = std::variant<CollectiveResult, FlowSetResult>;

// Simulates each pattern alone on the platform, in order, within one SimGrid engine run in a child
// process (simgrid_process.hpp); returns one result per pattern. Any number of calls per process. Throws InputError for a platform without chips (see chip_hosts.hpp) and
// std::invalid_argument for chip indices out of range or an unavailable algorithm.
std::vector<CommPatternResult> simulate_comm_patterns(const std::string& platform_path,
                                                      const std::vector<CommPattern>& patterns);

CollectiveResult simulate_collective(const std::string& platform_path, const CollectiveSpec& spec);
FlowSetResult simulate_flow_set(const std::string& platform_path, const FlowSet& set);

// Chip count and node grouping of a platform file, without simulating anything.
struct PlatformChipSummary {
  int chip_count = 0;
  int ranks_per_node_first_n(int n) const;  // uniform chips per node over chips 0..n-1, 0 if uneven
  std::vector<std::string> node;            // node key per chip
};
PlatformChipSummary summarize_platform_chips(const std::string& platform_path);

}  // namespace ascendsim
