// Composes layer work, roofline, memory and communication into one StepCost. The optimizer moves
// master, gradient and states once per step (memory-bound); Muon adds 5 Newton-Schulz iterations
// (4m²n + 2m³ FLOPs each for an m×n matrix, m <= n) shared over the data-parallel group.
#include "sim/workload/step_cost.hpp"

#include <algorithm>

#include "sim/workload/attention_cost.hpp"
#include "sim/workload/param_count.hpp"

namespace ascendsim {

double attention_flops_per_sequence(const ModelShape& m, long seq_len) {
  double f = 0;
  for (long l = 0; l < m.layers; ++l) f += attention_core_cost(m, m.layer_attention(l), 1, seq_len, 1, 2).flops_fwd;
  return f;
}

double model_flops_per_step(const ModelShape& m, long seq_len, double tokens) {
  const ParamCount pc = count_params(m);
  return 6.0 * pc.active * tokens + 3.0 * attention_flops_per_sequence(m, seq_len) * (tokens / double(seq_len));
}

static void add(StageCost& s, const ChunkCost& c) {
  s.forward_s += c.forward_s;
  s.backward_s += c.backward_s;
  s.recompute_s += c.recompute_s;
  s.forward_flops += c.forward_flops;
}

StepCost step_cost(const TrainingPlan& p, const Chip& chip, const EfficiencyFactors& eff) {
  StepCost r;
  const ModelShape& m = p.model;
  const MicrobatchShape mb = p.microbatch();
  r.chips = p.chips;
  r.microbatches = p.derived_microbatches();
  r.tokens_per_step = p.tokens_per_step();
  r.stages.resize(size_t(p.pp));
  for (long s = 0; s < p.pp; ++s) r.stages[size_t(s)].stage = s;
  for (const auto& c : pipeline_layout(p)) {
    ChunkCost cc;
    cc.chunk = c;
    std::vector<LayerWork> work;
    if (c.embedding) work.push_back(embedding_forward_work(m, mb));
    for (long l = c.first_layer; l < c.first_layer + c.layers; ++l) work.push_back(layer_forward_work(m, l, mb));
    if (c.head) {
      work.push_back(head_forward_work(m, mb));
      for (long k = 0; k < m.mtp_depth; ++k) work.push_back(mtp_forward_work(m, k, mb));
    }
    for (const auto& w : work) {
      WorkTime t = work_time(w, p.recompute, chip, eff);
      cc.forward_s += t.forward_s;
      cc.backward_s += t.backward_s;
      cc.recompute_s += t.recompute_s;
      cc.forward_flops += w.flops();
      cc.recompute_flops += w.recompute_flops(p.recompute);
      cc.tokens_per_expert = std::max(cc.tokens_per_expert, w.tokens_per_expert);
      cc.expert_imbalance = std::max(cc.expert_imbalance, w.expert_imbalance);
    }
    add(r.stages[size_t(c.stage)], cc);
    r.chunks.push_back(cc);
  }
  // DualPipe: a rank runs stage s for one direction and pp−1−s for the other; half the microbatches each.
  if (p.schedule == PipelineSchedule::DualPipe && p.pp > 1) {
    std::vector<StageCost> mirrored = r.stages;
    for (long s = 0; s < p.pp; ++s) {
      const StageCost& a = r.stages[size_t(s)];
      const StageCost& b = r.stages[size_t(p.pp - 1 - s)];
      StageCost& o = mirrored[size_t(s)];
      o.forward_s = (a.forward_s + b.forward_s) / 2;
      o.backward_s = (a.backward_s + b.backward_s) / 2;
      o.recompute_s = (a.recompute_s + b.recompute_s) / 2;
      o.forward_flops = (a.forward_flops + b.forward_flops) / 2;
    }
    r.stages = mirrored;
  }

  r.memory = memory_by_stage(p, chip.hbm_capacity_B.nominal);
  r.memory_worst = *std::max_element(r.memory.begin(), r.memory.end(),
                                     [](const MemoryBreakdown& a, const MemoryBreakdown& b) { return a.total_B < b.total_B; });
  r.comms = comm_volumes(p);

  // Optimizer: bytes touched per parameter shard (read master, gradient, states; write master,
  // states, the working weight copy), on the stage with the most parameters.
  const ParamCount pc = count_params(m);
  double routed_total = 0;
  for (const auto& l : pc.layers) routed_total += l.routed_experts;
  const double expert_share = pc.total > 0 ? routed_total / pc.total : 0;
  double worst_opt = 0;
  for (const auto& mem : r.memory) {
    const double shard = p.zero_stage >= 1 ? (mem.master_B / std::max(p.master_bytes, 1e-9)) : mem.params_on_chip;
    const double states = p.optimizer == OptimizerKind::Muon ? 1.0 : 2.0;
    const double bytes = shard * (2 * p.master_bytes + p.gradient_bytes + 2 * states * p.optimizer_state_bytes + p.weight_bytes);
    double t = roofline(0, bytes, Precision::BF16, OpClass::Elementwise, chip, eff).time_s;
    if (p.optimizer == OptimizerKind::Muon) {
      // Newton-Schulz on every matrix the stage holds, split over the data-parallel group. Expert
      // matrices are h×f (m = min(h, f)); other matrices are treated as square h×h (assumption).
      const double h = m.hidden, f = m.is_moe() ? double(m.expert_ffn) : double(m.dense_ffn);
      const double mm = std::min(h, f), nn = std::max(h, f);
      const double per_expert_param = 5 * (4 * mm * mm * nn + 2 * mm * mm * mm) / (mm * nn);
      const double per_square_param = 5 * (4 * h * h * h + 2 * h * h * h) / (h * h);
      const double flops = mem.params_on_chip * (expert_share * per_expert_param + (1 - expert_share) * per_square_param) / double(p.dp);
      t += roofline(flops, 0, Precision::BF16, OpClass::Linear, chip, eff).time_s;
    }
    worst_opt = std::max(worst_opt, t);
  }
  r.optimizer_s = worst_opt;

  r.model_flops_per_step = model_flops_per_step(m, p.seq_len, r.tokens_per_step);
  // Forward + backward (2×) + recomputed forward, per microbatch, over all microbatches and replicas.
  double hw = 0;
  for (const auto& c : r.chunks) hw += 3.0 * c.forward_flops + c.recompute_flops;
  r.hardware_flops_per_step = hw * double(r.microbatches) * double(p.dp * p.tp);

  double worst = 0;
  for (const auto& s : r.stages) worst = std::max(worst, s.forward_s + s.backward_s + s.recompute_s);
  double bubble = 0;
  if (p.pp > 1) {
    bubble = p.schedule == PipelineSchedule::DualPipe ? double(p.pp) / 2 - 1
                                                      : double(p.pp - 1) / double(p.virtual_stages);
  }
  r.analytic_compute_time_s = worst * (double(r.microbatches) + bubble) + r.optimizer_s;
  return r;
}

}  // namespace ascendsim
