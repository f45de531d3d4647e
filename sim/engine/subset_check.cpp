// See subset_check.hpp.
#include "sim/engine/subset_check.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "sim/engine/step_comms.hpp"
#include "sim/engine/step_executor.hpp"

namespace ascendsim {

SubsetCheck compare_subset_with_whole(const TrainingPlan& p, const PlatformSpec& spec, const ChipCatalogue& cat) {
  const Chip& chip = cat.find(spec.chip);
  const double reduce_Bps = chip.hbm_bandwidth_Bps.nominal * efficiency_factors(cat).hbm / 3;  // as simulate_step
  using clock = std::chrono::steady_clock;
  SubsetCheck out;
  auto t0 = clock::now();
  const StepCommTimes cut = simulate_step_comms(
      p, spec,
      [&](const std::vector<int>& chips) {
        out.subset_chips = long(chips.size());
        return step_platform_xml_path(spec, cat, false, &chips);
      },
      reduce_Bps);
  out.subset_s = std::chrono::duration<double>(clock::now() - t0).count();
  t0 = clock::now();
  const StepCommTimes whole = simulate_step_comms(p, spec, step_platform_xml_path(spec, cat, false), reduce_Bps);
  out.whole_s = std::chrono::duration<double>(clock::now() - t0).count();
  auto diff = [&](double a, double b) {
    const double d = std::abs(a - b) / std::max({std::abs(a), std::abs(b), 1e-300});
    out.max_rel_diff = std::max(out.max_rel_diff, a == b ? 0.0 : d);
  };
  diff(cut.pp_hop_s, whole.pp_hop_s);
  const std::vector<double> StepCommTimes::*fields[] = {
      &StepCommTimes::tp_forward_s, &StepCommTimes::tp_backward_s, &StepCommTimes::ep_forward_s,
      &StepCommTimes::ep_backward_s, &StepCommTimes::dp_forward_s, &StepCommTimes::dp_backward_s,
      &StepCommTimes::dp_reduce_s, &StepCommTimes::dp_gather_s};
  for (auto f : fields)
    for (std::size_t s = 0; s < (cut.*f).size(); ++s) diff((cut.*f)[s], (whole.*f)[s]);
  out.pp_hop_s = cut.pp_hop_s;
  return out;
}

}  // namespace ascendsim
