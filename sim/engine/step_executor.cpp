// simulate_step: step_cost (pure roofline compute) + simulated communication (step_comms) composed
// through the pipeline list schedule (pipeline_schedule), then the data-parallel tail and the
// optimizer. Exposure rules are in docs/step.md; every term of the breakdown sums to the step time.
#include "sim/engine/step_executor.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>

#include "sim/config/input_error.hpp"
#include "sim/engine/step_comms.hpp"
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

std::string step_platform_xml_path(const PlatformSpec& spec, const ChipCatalogue& cat, bool use_cache) {
  const std::string xml = generate_platform_xml(network_derated(spec, cat), cat);
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
    static std::vector<std::unique_ptr<InterruptCleanup>> cleanups;
    if (!in_cache && cleanups.size() < 16) cleanups.push_back(std::make_unique<InterruptCleanup>(path, false));
    write_file_atomic(path, xml);
  }
  return path;
}

namespace {

struct OpParts {  // one chunk, one microbatch, one direction (forward or backward)
  double compute = 0, tp = 0, ep = 0, dp = 0;
  double total() const { return compute + tp + ep + dp; }
};

PipelineKind pipeline_kind(PipelineSchedule s) {
  switch (s) {
    case PipelineSchedule::OneFOneB: return PipelineKind::OneFOneB;
    case PipelineSchedule::Interleaved: return PipelineKind::Interleaved;
    case PipelineSchedule::DualPipe: return PipelineKind::DualPipe;
  }
  return PipelineKind::OneFOneB;
}

double share(double part, double whole, size_t n) { return whole > 0 ? part / whole : 1.0 / double(n); }

}  // namespace

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
  const std::string xml = step_platform_xml_path(rq.platform, cat, rq.use_cache);
  const double reduce_Bps = chip.hbm_bandwidth_Bps.nominal * eff.hbm / 3;  // read two operands, write one
  const StepCommTimes comm = simulate_step_comms(p, rq.platform, xml, reduce_Bps);

  // Per chunk: compute and the communication of its stage, shared by compute time.
  const size_t S = size_t(p.pp), C = cost.chunks.size();
  std::vector<double> stage_f(S, 0), stage_b(S, 0);
  std::vector<size_t> stage_n(S, 0);
  for (const auto& c : cost.chunks) {
    stage_f[size_t(c.chunk.stage)] += c.forward_s;
    stage_b[size_t(c.chunk.stage)] += c.backward_s + c.recompute_s;
    stage_n[size_t(c.chunk.stage)] += 1;
  }
  const bool dual = p.schedule == PipelineSchedule::DualPipe;
  std::vector<OpParts> fwd(C), bwd(C);
  for (size_t i = 0; i < C; ++i) {
    const auto& c = cost.chunks[i];
    const size_t s = size_t(c.chunk.stage);
    const double fs = share(c.forward_s, stage_f[s], stage_n[s]);
    const double bs = share(c.backward_s + c.recompute_s, stage_b[s], stage_n[s]);
    OpParts& f = fwd[i];
    OpParts& b = bwd[i];
    f.compute = c.forward_s;
    b.compute = c.backward_s + c.recompute_s;
    f.tp = comm.tp_forward_s[s] * fs;  // TP collectives sit between the matmuls: fully exposed
    b.tp = comm.tp_backward_s[s] * bs;
    double ef = comm.ep_forward_s[s] * fs, eb = comm.ep_backward_s[s] * bs;
    if (dual) {
      // DualPipe pairs a forward chunk with a backward chunk and hides the pair's all-to-all under
      // the pair's compute: only the excess is exposed, split in proportion to each side's comm.
      const double e = ef + eb, hidden = std::min(e, f.compute + b.compute);
      if (e > 0) ef *= (e - hidden) / e, eb *= (e - hidden) / e;
    }
    f.ep = ef;
    b.ep = eb;
    // ZeRO-3 weight gathers / gradient scatters per microbatch are prefetched under the op's compute.
    f.dp = std::max(0.0, comm.dp_forward_s[s] * fs - f.compute);
    b.dp = std::max(0.0, comm.dp_backward_s[s] * bs - b.compute);
  }

  PipelineInput pin;
  pin.kind = pipeline_kind(p.schedule);
  pin.stages = int(p.pp);
  pin.microbatches = int(cost.microbatches);
  pin.virtual_stages = int(p.virtual_stages);
  for (size_t i = 0; i < C; ++i) {
    pin.forward_s.push_back(fwd[i].total());
    pin.backward_s.push_back(bwd[i].total());
  }
  pin.p2p_s = 0;
  const PipelineResult no_hop = simulate_pipeline(pin);
  pin.p2p_s = comm.pp_hop_s;
  PipelineResult pr = simulate_pipeline(pin);

  // Per device: busy split, end time, last backward and first forward durations.
  std::vector<OpParts> busy(S);
  std::vector<double> end(S, 0), last_b(S, 0), first_f(S, 0), first_start(S, 1e300);
  for (const auto& op : pr.ops) {
    const size_t d = size_t(op.device);
    const OpParts& parts = op.backward ? bwd[size_t(op.chunk)] : fwd[size_t(op.chunk)];
    busy[d].compute += parts.compute, busy[d].tp += parts.tp, busy[d].ep += parts.ep, busy[d].dp += parts.dp;
    if (op.backward && op.end_s >= end[d]) end[d] = op.end_s, last_b[d] = op.end_s - op.start_s;
    if (!op.backward && op.start_s < first_start[d]) first_start[d] = op.start_s, first_f[d] = op.end_s - op.start_s;
  }
  size_t busiest = 0;
  for (size_t d = 0; d < S; ++d)
    if (busy[d].total() > busy[busiest].total()) busiest = d;

  // DP tail: gradient buckets of a stage are reduced while its last backward runs (overlap window =
  // that op); the optimizer follows; the weight all-gather overlaps the next step's first forward.
  double tail_end = pr.makespan_s;
  for (size_t d = 0; d < S; ++d) {
    const double reduce_exposed = std::max(0.0, comm.dp_reduce_s[d] - last_b[d]);
    const double gather_exposed = std::max(0.0, comm.dp_gather_s[d] - first_f[d]);
    tail_end = std::max(tail_end, end[d] + reduce_exposed + cost.optimizer_s + gather_exposed);
  }
  if (tail_end < pr.makespan_s + cost.optimizer_s) tail_end = pr.makespan_s + cost.optimizer_s;

  StepResult r;
  r.chips = p.chips;
  r.step_time_s = tail_end;
  StepBreakdown& bd = r.breakdown;
  bd.compute_s = busy[busiest].compute;
  bd.tp_s = busy[busiest].tp;
  bd.ep_s = busy[busiest].ep;
  bd.pp_s = std::max(0.0, pr.makespan_s - no_hop.makespan_s);
  bd.bubble_s = pr.makespan_s - busy[busiest].total() - bd.pp_s;
  bd.optimizer_s = cost.optimizer_s;
  bd.dp_s = busy[busiest].dp + std::max(0.0, tail_end - pr.makespan_s - cost.optimizer_s);
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
