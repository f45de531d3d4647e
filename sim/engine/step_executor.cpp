// simulate_step: step_cost (pure roofline compute) + simulated communication (step_comms) composed
// through the pipeline list schedule (pipeline_schedule), then the data-parallel tail and the
// optimizer. Exposure rules are in docs/step.md; every term of the breakdown sums to the step time.
#include "sim/engine/step_executor.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <mutex>
#include <fstream>
#include <memory>

#include "sim/config/input_error.hpp"
#include "sim/engine/step_comms.hpp"
#include "sim/engine/step_compose.hpp"
#include "sim/engine/step_key.hpp"
#include "sim/engine/step_trace.hpp"
#include "sim/platform/topology_xml.hpp"
#include "sim/util/atomic_file.hpp"
#include "sim/util/disk_cache.hpp"
#include "sim/util/hash.hpp"
#include "sim/util/interrupt.hpp"
#include "sim/workload/param_count.hpp"
#include "sim/workload/plan_check.hpp"
#include "sim/workload/step_cost.hpp"

namespace ascendsim {

EfficiencyFactors efficiency_factors(const ChipCatalogue& cat) {
  return EfficiencyFactors{cat.efficiency.matmul.nominal, cat.efficiency.attention.nominal, cat.efficiency.hbm.nominal};
}

PlatformSpec network_derated(const PlatformSpec& spec, const ChipCatalogue& cat) {
  PlatformSpec s = spec;
  const double eta = cat.efficiency.network.nominal;
  s.scaleup_bandwidth_Bps *= eta;
  s.scaleout_bandwidth_Bps *= eta;
  return s;
}

std::string step_platform_xml_path(const PlatformSpec& spec, const ChipCatalogue& cat, bool use_cache,
                                   const std::vector<int>* keep_chips) {
  const std::string xml = generate_platform_xml(network_derated(spec, cat), cat, keep_chips);
  const std::string name = "platform-" + Hasher().add(xml).hex() + ".xml";
  // The user's own cache, or a private mkdtemp directory: never a fixed path others can write.
  std::string dir;
  if (use_cache) dir = DiskCache("platforms").dir();
  const bool in_cache = !dir.empty();
  if (!in_cache) dir = private_temp_dir();
  const std::string path = (std::filesystem::path(dir) / name).string();
  // Verified byte for byte before SimGrid reads it: a truncated or edited file is rewritten.
  if (!private_file_holds(path, xml)) {
    // Files of the private directory are removed on SIGINT/SIGTERM too (the first 16: the handler's
    // slots are few and the output staging needs them more; the directory is private anyway).
    // Step simulations of different job sizes run on several threads at once (StepProvider).
    static std::mutex cleanups_mu;
    static std::vector<std::unique_ptr<InterruptCleanup>> cleanups;
    if (!in_cache) {
      std::lock_guard<std::mutex> lock(cleanups_mu);
      if (cleanups.size() < 16) cleanups.push_back(std::make_unique<InterruptCleanup>(path, false));
    }
    write_file_atomic(path, xml);
  }
  return path;
}

StepResult simulate_step(const StepRequest& rq) {
  if (!rq.catalogue) throw std::invalid_argument("simulate_step: no chip catalogue");
  const TrainingPlan& p = rq.plan;
  const ChipCatalogue& cat = *rq.catalogue;
  const Chip& chip = cat.find(rq.platform.chip);
  check_precision(p, chip);
  if (p.chips > rq.platform.chips())
    throw InputError(p.at("parallel.chips"), "parallel.chips",
                     "the plan uses " + std::to_string(p.chips) + " chips but platform " + rq.platform.name + " has " +
                         std::to_string(rq.platform.chips()));
  check_plan(p);

  DiskCache cache("steps");
  const std::string key = step_cache_key(p, chip, cat, rq.platform);
  if (rq.use_cache && !rq.want_trace && cache.enabled()) {
    if (auto hit = cache.get(key)) {
      if (auto r = step_result_from_json(*hit)) {
        r->from_cache = true;
        return *r;
      }
    }
  }

  const EfficiencyFactors eff = efficiency_factors(cat);
  const StepCost cost = step_cost(p, chip, eff);
  const double reduce_Bps = chip.hbm_bandwidth_Bps.nominal * eff.hbm / 3;  // read two operands, write one
  // SimGrid loads only the nodes the simulated patterns use (the same routes as the whole platform):
  // loading a whole generated file costs (zones x hosts) in SimGrid 3.32, quadratic in the chips.
  std::string xml;
  const StepCommTimes comm = simulate_step_comms(
      p, rq.platform,
      [&](const std::vector<int>& chips) { return xml = step_platform_xml_path(rq.platform, cat, rq.use_cache, &chips); },
      reduce_Bps);

  const ComposedStep step = compose_step(p, cost, comm);
  const PipelineResult& pr = step.pipeline;
  const double tail_end = step.step_time_s;
  const std::vector<OpParts>& fwd = step.forward;
  const std::vector<OpParts>& bwd = step.backward;
  const size_t C = cost.chunks.size();

  StepResult r;
  r.chips = p.chips;
  r.step_time_s = tail_end;
  r.breakdown = step.breakdown;
  for (const auto& c : cost.chunks) r.expert_imbalance = std::max(r.expert_imbalance, c.expert_imbalance);
  r.tokens_per_step = cost.tokens_per_step;
  r.tokens_per_s = r.tokens_per_step / r.step_time_s;
  r.model_flops_per_step = cost.model_flops_per_step;
  const double chips = double(p.chips);
  r.mfu = r.model_flops_per_step / (chips * chip.peak(Precision::BF16) * r.step_time_s);
  r.mfu_vs_precision_peak = r.model_flops_per_step / (chips * chip.peak(p.precision) * r.step_time_s);
  r.memory_worst = cost.memory_worst;
  r.memory_per_chip_GiB = cost.memory_worst.total_B / double(1L << 30);
  r.hbm_capacity_GiB = chip.hbm_capacity_B.nominal / double(1L << 30);
  r.fits_memory = cost.memory_worst.fits();
  const ParamCount pc = count_params(p.model);
  const double states = p.optimizer == OptimizerKind::Muon ? 1.0 : 2.0;
  r.checkpoint_bytes = (pc.total + pc.mtp_total) * (p.weight_bytes + p.master_bytes + states * p.optimizer_state_bytes);
  r.pp_boundary = comm.pp_boundary;
  r.pp_hop_s = comm.pp_hop_s;
  r.patterns_simulated = comm.simulated;
  r.platform_xml = xml;

  if (rq.use_cache && cache.enabled()) cache.put(key, step_result_json(r));
  if (rq.want_trace) {
    std::vector<StepOpSplit> f(C), b(C);
    for (size_t i = 0; i < C; ++i) {
      f[i] = StepOpSplit{fwd[i].compute, fwd[i].tp, fwd[i].ep, fwd[i].dp};
      b[i] = StepOpSplit{bwd[i].compute, bwd[i].tp, bwd[i].ep, bwd[i].dp};
    }
    r.trace = step_trace(p, rq.platform, pr, f, b, comm, cost.optimizer_s, tail_end);
  }
  return r;
}

}  // namespace ascendsim
