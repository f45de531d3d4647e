// The checkpoint costs of a run (run_model.hpp): the state's bytes over the storage path's
// bandwidth, per node up to the storage system's aggregate.
#include <algorithm>

#include "sim/run/run_model.hpp"

namespace ascendsim {

namespace {
long nodes_of(const RunInputs& in, long chips) {
  return std::max(1L, (chips + in.chips_per_host - 1) / in.chips_per_host);
}
}  // namespace

double checkpoint_write_s(const RunInputs& in, long chips) {
  const auto& c = in.policy.checkpoint;
  return in.checkpoint_bytes / std::min(c.write_Bps_per_node * nodes_of(in, chips), c.aggregate_write_Bps);
}
double checkpoint_read_s(const RunInputs& in, long chips) {
  const auto& c = in.policy.checkpoint;
  return in.checkpoint_bytes / std::min(c.read_Bps_per_node * nodes_of(in, chips), c.aggregate_read_Bps);
}
double checkpoint_blocking_s(const RunInputs& in, long chips) {
  const auto& c = in.policy.checkpoint;
  if (c.mode == CheckpointMode::Synchronous) return checkpoint_write_s(in, chips);
  return in.checkpoint_bytes / (c.snapshot_Bps_per_node * nodes_of(in, chips));
}

}  // namespace ascendsim
