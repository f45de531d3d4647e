// Stored activations per token per layer are the tensors backward needs: inputs of every linear,
// the attention core's Q/K/V/O (flash-style: no score matrix), SwiGLU inputs, MoE routed copies.
#include "sim/workload/memory.hpp"

#include <algorithm>
#include <cstdio>

#include "sim/workload/expert_balance.hpp"
#include "sim/workload/param_count.hpp"
#include "sim/workload/pipeline_layout.hpp"

namespace ascendsim {

std::string MemoryBreakdown::describe() const {
  const double G = 1024.0 * 1024.0 * 1024.0;
  char buf[400];
  std::snprintf(buf, sizeof buf,
                "stage %ld: %.1f GiB per chip (weights %.1f, gradients %.1f, master %.1f, optimizer states %.1f, "
                "activations %.1f for %.1f microbatches in flight) %s %.1f GiB HBM",
                stage, total_B / G, weights_B / G, gradients_B / G, master_B / G, optimizer_states_B / G,
                activations_B / G, microbatches_in_flight, fits() ? "<=" : ">", capacity_B / G);
  return buf;
}

double layer_activation_bytes(const ModelShape& m, long layer, const MicrobatchShape& mb, RecomputeKind r) {
  const double h = m.hidden, t = mb.tp, H = m.heads, n = double(mb.tokens());
  const double split = mb.sequence_parallel ? t : 1.0;
  const double streams = double(m.residual_streams);
  if (r == RecomputeKind::Full) return n * streams * h / split * mb.activation_bytes;  // the layer input only
  const bool sel = r == RecomputeKind::Selective;
  // Per token, in elements. Norm inputs always; norm outputs only without selective recompute.
  double e = 2 * h / split + (sel ? 0 : 2 * h / split);
  if (streams > 1) e += 2 * streams * h / split;  // hyper-connection inputs at both sites
  switch (m.layer_attention(layer)) {
    case LayerAttention::GQA: {
      const double dh = m.gqa.head_dim, G = m.gqa.kv_heads;
      e += (H * dh + 2 * G * dh) / t + H * dh / t;  // Q, K, V and the core output
      break;
    }
    case LayerAttention::MLA: {
      const MlaDims& d = m.mla;
      const double qk = d.qk_nope_dim + d.qk_rope_dim;
      e += 2.0 * d.q_lora_rank + 2.0 * (d.kv_lora_rank + d.qk_rope_dim);   // latents (kept)
      if (!sel) e += H * qk / t * 2 + H * d.v_head_dim / t;                 // per-head Q, K, V (recomputable)
      e += H * d.v_head_dim / t;                                            // core output
      break;
    }
    case LayerAttention::CSA:
    case LayerAttention::HCA: {
      const HybridDims& d = m.hybrid;
      e += 2.0 * d.q_lora_rank + 2.0 * d.kv_width;
      if (!sel) e += H * d.head_dim / t;                       // per-head queries (recomputable)
      e += H * d.head_dim / t + d.output_groups * double(d.output_group_rank) / t;  // core output, group outputs
      if (m.layer_attention(layer) == LayerAttention::CSA)
        e += double(d.indexer_heads) * d.indexer_head_dim + 2.0 * d.csa_top_k;  // indexer queries, int32 indices
      break;
    }
  }
  if (!m.layer_is_moe(layer)) {
    e += 2.0 * m.dense_ffn / t + (sel ? 0 : m.dense_ffn / t);  // gate and up outputs; SwiGLU output
  } else {
    // Routed pairs held per rank as layer_cost.cpp add_ffn computes them: with ep > 1 the tokens are
    // split over tp before dispatch (n·k/tp pairs on average, × the busiest rank's imbalance) and
    // experts are whole; with ep = 1 all n·k pairs, experts tensor-split tp ways.
    const double f = m.expert_ffn, k = m.top_k, etp = mb.ep > 1 ? 1.0 : t, token_split = mb.ep > 1 ? t : 1.0;
    const double local = double(m.routed_experts) / double(mb.ep);
    const double imb = mb.ep > 1 ? expert_load_imbalance(n * k / token_split, mb.ep, long(local), mb.routing_skew) : 1.0;
    e += 2.0 * m.routed_experts;  // FP32 router probabilities
    e += m.shared_experts * (2.0 * f / t + (sel ? 0 : f / t));
    e += k / token_split * imb * (h + 2.0 * f / etp + (sel ? 0 : f / etp) + h);  // dispatched input, gate/up, SwiGLU, expert output
  }
  return n * e * mb.activation_bytes;
}

static double in_flight(const TrainingPlan& p, long stage) {
  const double m = double(p.derived_microbatches()), pp = double(p.pp), v = double(p.virtual_stages);
  switch (p.schedule) {
    case PipelineSchedule::OneFOneB: return std::min(m, pp - double(stage));
    case PipelineSchedule::Interleaved: {
      // Megatron warm-up: 2(pp−s−1) + (v−1)·pp chunk-microbatches, plus the one in progress.
      const double chunks = 2 * (pp - double(stage) - 1) + (v - 1) * pp + 1;
      return std::min(m * v, chunks) / v;  // in whole-stage microbatch units
    }
    case PipelineSchedule::DualPipe: return std::min(m, pp + 1);  // DeepSeek-V3 report table 2
  }
  return 1;
}

MemoryBreakdown stage_memory(const TrainingPlan& p, long stage, double capacity_B) {
  const ModelShape& m = p.model;
  const ParamCount pc = count_params(m);
  const MicrobatchShape mb = p.microbatch();
  const double t = double(p.tp), ep = double(p.ep), etp = p.ep > 1 ? 1.0 : t;
  double dense = 0, expert = 0, adam_only = 0;  // per chip: replicated over dp / over expert-dp
  double act_per_mb = 0, logits = 0;
  for (long s : stages_held(p, stage)) {
    for (const auto& c : chunks_of_stage(p, s)) {
      for (long l = c.first_layer; l < c.first_layer + c.layers; ++l) {
        const LayerParams& lp = pc.layers[size_t(l)];
        dense += lp.non_expert() / t;
        expert += lp.routed_experts / ep / etp;
        adam_only += lp.norms / t;
        if (s == stage) act_per_mb += layer_activation_bytes(m, l, mb, p.recompute);
      }
      if (c.embedding) { dense += pc.embedding / t; adam_only += pc.embedding / t; }
      if (c.head) {
        dense += (pc.output_head + pc.final_norm) / t + pc.mtp_depth * (pc.mtp_layer.non_expert() + pc.mtp_projection) / t;
        expert += pc.mtp_depth * pc.mtp_layer.routed_experts / ep / etp;
        adam_only += (pc.output_head + pc.final_norm) / t;
        if (s == stage) {
          logits += double(mb.tokens()) * m.vocab / t * 4.0;  // FP32 logits: one microbatch at a time
          for (long k = 0; k < pc.mtp_depth; ++k) act_per_mb += layer_activation_bytes(m, m.layers - 1, mb, p.recompute);
        }
      }
    }
  }
  if (p.recompute == RecomputeKind::Full) {  // one layer's full activations live while it is recomputed
    act_per_mb += layer_activation_bytes(m, std::max(0L, m.layers - 1), mb, RecomputeKind::None) /
                  std::max(1.0, in_flight(p, stage));
  }
  MemoryBreakdown r;
  r.stage = stage;
  r.capacity_B = capacity_B;
  r.params_on_chip = dense + expert;
  const double dp = double(p.dp), edp = double(p.expert_data_parallel());
  auto sharded = [&](int from_stage) {
    return p.zero_stage >= from_stage ? dense / dp + expert / edp : dense + expert;
  };
  r.weights_B = p.weight_bytes * sharded(3);
  r.gradients_B = p.gradient_bytes * sharded(2);
  r.master_B = p.master_bytes * sharded(1);
  double states = 2.0;
  if (p.optimizer == OptimizerKind::Muon) {
    const double muon_share = r.params_on_chip > 0 ? 1.0 - adam_only / r.params_on_chip : 1.0;
    states = 1.0 * muon_share + 2.0 * (1.0 - muon_share);
  }
  r.optimizer_states_B = states * p.optimizer_state_bytes * sharded(1);
  r.microbatches_in_flight = in_flight(p, stage);
  // Stored activations may be cached at a narrower width than the BF16 compute (V3: FP8 caching).
  r.activations_B = act_per_mb * r.microbatches_in_flight * (p.activation_cache_bytes / 2.0) + logits;
  r.total_B = r.weights_B + r.gradients_B + r.master_B + r.optimizer_states_B + r.activations_B;
  return r;
}

std::vector<MemoryBreakdown> memory_by_stage(const TrainingPlan& p, double capacity_B) {
  std::vector<MemoryBreakdown> out;
  for (long s = 0; s < p.pp; ++s) out.push_back(stage_memory(p, s, capacity_B));
  return out;
}

MemoryBreakdown worst_stage_memory(const TrainingPlan& p, double capacity_B) {
  auto all = memory_by_stage(p, capacity_B);
  return *std::max_element(all.begin(), all.end(),
                           [](const MemoryBreakdown& a, const MemoryBreakdown& b) { return a.total_B < b.total_B; });
}

void require_memory_fits(const TrainingPlan& p, double capacity_B) {
  MemoryBreakdown w = worst_stage_memory(p, capacity_B);
  if (!w.fits()) throw InputError(p.at("parallel.pp"), "parallel", "plan does not fit in HBM: " + w.describe());
}

}  // namespace ascendsim
