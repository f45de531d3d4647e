#include "sim/run/phase_fleet.hpp"

#include <algorithm>
#include <cmath>

namespace ascendsim {

long hosts_of(long chips, long chips_per_host) {
  return std::max(1L, (chips + chips_per_host - 1) / std::max(1L, chips_per_host));
}

long phase_fleet_chips(const PhaseFleet& f, double day) {
  long n = 0;
  for (const auto& [d, chips] : f.arrivals)
    if (d <= day) n += chips;
  return n;
}

PhasePlacement place_phase(const PhaseFleet& f, double day, long wanted_chips) {
  std::vector<double> candidates{day};
  for (const auto& [d, chips] : f.arrivals)
    if (d > day) candidates.push_back(d);
  std::sort(candidates.begin(), candidates.end());
  for (double c : candidates) {
    long have = phase_fleet_chips(f, c);
    if (wanted_chips > 0) have = std::min(have, wanted_chips);
    const long job = f.job_chips ? f.job_chips(have) : have;
    if (job > 0) return PhasePlacement{c, job};
  }
  return PhasePlacement{};
}

MoveCost hardware_move_cost(double checkpoint_bytes, const StoragePath& from, const StoragePath& to, double relaunch_s) {
  const CheckpointPolicy& a = *from.storage;
  const CheckpointPolicy& b = *to.storage;
  MoveCost m;
  m.persist_s = checkpoint_bytes / std::min(a.write_Bps_per_node * from.nodes, a.aggregate_write_Bps);
  const double reshard_read_Bps = std::min(a.aggregate_read_Bps, b.read_Bps_per_node * to.nodes);
  const double new_write_Bps = std::min(b.write_Bps_per_node * to.nodes, b.aggregate_write_Bps);
  m.reshard_s = checkpoint_bytes / reshard_read_Bps + checkpoint_bytes / new_write_Bps;
  m.relaunch_s = relaunch_s;
  m.reload_s = checkpoint_bytes / std::min(b.read_Bps_per_node * to.nodes, b.aggregate_read_Bps);
  return m;
}

}  // namespace ascendsim
