// Validation of a flow set (see flow_set.hpp): indices in range, dependencies only backwards,
// sizes and delays finite and non-negative.
#include "sim/engine/flow_set.hpp"

#include <cmath>
#include <stdexcept>

namespace ascendsim {

void validate_flow_set(const FlowSet& set, int chip_count) {
  const int phases = set.phases.empty() ? 1 : static_cast<int>(set.phases.size());
  auto bad = [](const std::string& what) { throw std::invalid_argument("flow set: " + what); };
  for (int p = 0; p < static_cast<int>(set.phases.size()); ++p) {
    const auto& ph = set.phases[p];
    if (!std::isfinite(ph.delay_s) || ph.delay_s < 0)
      bad("phase " + std::to_string(p) + ": delay_s must be finite and >= 0, found " + std::to_string(ph.delay_s));
    for (int a : ph.after_phases)
      if (a < 0 || a >= p)
        bad("phase " + std::to_string(p) + ": after_phases may only name earlier phases (0.." +
            std::to_string(p - 1) + "), found " + std::to_string(a));
  }
  for (int i = 0; i < static_cast<int>(set.flows.size()); ++i) {
    const Flow& f = set.flows[i];
    const std::string id = "flow " + std::to_string(i) + ": ";
    if (f.src_chip < 0 || f.src_chip >= chip_count || f.dst_chip < 0 || f.dst_chip >= chip_count)
      bad(id + "chips must be in 0.." + std::to_string(chip_count - 1) + ", found " + std::to_string(f.src_chip) +
          " -> " + std::to_string(f.dst_chip));
    if (!std::isfinite(f.bytes) || f.bytes < 0) bad(id + "bytes must be finite and >= 0");
    if (!std::isfinite(f.delay_s) || f.delay_s < 0) bad(id + "delay_s must be finite and >= 0");
    if (f.phase < 0 || f.phase >= phases)
      bad(id + "phase must be in 0.." + std::to_string(phases - 1) + ", found " + std::to_string(f.phase));
    if (f.after_flow < -1 || f.after_flow >= i)
      bad(id + "after_flow must be -1 or an earlier flow, found " + std::to_string(f.after_flow));
  }
}

}  // namespace ascendsim
