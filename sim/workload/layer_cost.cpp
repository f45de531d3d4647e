// Per-op FLOPs and bytes. A linear op of n tokens, in → out: 2·n·in·out FLOPs; bytes = its input and
// output activations plus its weights once. High-precision parts stay BF16 in FP8 training (router,
// output head, attention core), as in the DeepSeek-V3 report section 3.3.
#include "sim/workload/layer_cost.hpp"

#include <algorithm>

#include "sim/workload/attention_cost.hpp"
#include "sim/workload/expert_balance.hpp"

namespace ascendsim {

const char* recompute_name(RecomputeKind r) {
  switch (r) {
    case RecomputeKind::None: return "none";
    case RecomputeKind::Selective: return "selective";
    case RecomputeKind::Full: return "full";
  }
  return "?";
}

double LayerWork::flops(OpClass cls) const {
  double f = 0;
  for (const auto& o : ops) if (o.cls == cls) f += o.flops;
  return f;
}
double LayerWork::flops() const {
  double f = 0;
  for (const auto& o : ops) f += o.flops;
  return f;
}
double LayerWork::bytes() const {
  double b = 0;
  for (const auto& o : ops) b += o.bytes;
  return b;
}
double LayerWork::recompute_flops(RecomputeKind r) const {
  if (r == RecomputeKind::None) return 0;
  if (r == RecomputeKind::Full) return flops();
  return flops(OpClass::AttentionCore) + flops(OpClass::Elementwise);
}

namespace {

struct Builder {
  const MicrobatchShape& mb;
  LayerWork w;
  double n() const { return double(mb.tokens()); }
  double wb() const { return precision_bytes_x2(mb.precision) / 2.0; }
  // n tokens through an in → out matrix (`copies` identical matrices, e.g. local experts).
  void linear(const std::string& name, double tokens, double in, double out, Precision p, double weight_bytes,
              double weight_matrices = 1) {
    Op o{name, OpClass::Linear, p, 2.0 * tokens * in * out,
         tokens * (in + out) * mb.activation_bytes + weight_matrices * in * out * weight_bytes,
         GemmShape{tokens / weight_matrices, out, in, weight_matrices}};
    w.ops.push_back(o);
  }
  void lin(const std::string& name, double in, double out) { linear(name, n(), in, out, mb.precision, wb()); }
  void elementwise(const std::string& name, double elements_moved, double bytes_each) {
    w.ops.push_back(Op{name, OpClass::Elementwise, Precision::BF16, 0.0, elements_moved * bytes_each, {}});
  }
};

void add_attention(Builder& B, const ModelShape& m, LayerAttention kind) {
  const MicrobatchShape& mb = B.mb;
  const double h = m.hidden, t = mb.tp, H = m.heads;
  switch (kind) {
    case LayerAttention::GQA: {
      const double dh = m.gqa.head_dim, G = m.gqa.kv_heads;
      B.lin("qkv projection", h, (H * dh + 2 * G * dh) / t);
      B.lin("output projection", H * dh / t, h);
      break;
    }
    case LayerAttention::MLA: {
      const MlaDims& d = m.mla;
      const double qk = d.qk_nope_dim + d.qk_rope_dim;
      if (d.q_lora_rank > 0) {
        B.lin("q down projection", h, d.q_lora_rank);  // replicated over tp
        B.lin("q up projection", d.q_lora_rank, H * qk / t);
      } else {
        B.lin("q projection", h, H * qk / t);
      }
      B.lin("kv down projection", h, d.kv_lora_rank + d.qk_rope_dim);
      B.lin("kv up projection", d.kv_lora_rank, H * (d.qk_nope_dim + d.v_head_dim) / t);
      B.lin("output projection", H * d.v_head_dim / t, h);
      break;
    }
    case LayerAttention::CSA:
    case LayerAttention::HCA: {
      const HybridDims& d = m.hybrid;
      B.lin("q down projection", h, d.q_lora_rank);
      B.lin("q up projection", d.q_lora_rank, H * d.head_dim / t);
      B.lin("kv projection", h, d.kv_width);
      B.lin("kv compressor", h, 2.0 * d.kv_width);
      if (kind == LayerAttention::CSA)
        B.lin("indexer projections", d.q_lora_rank + h, (d.q_lora_rank * double(d.indexer_heads) * d.indexer_head_dim +
                                                         h * (d.indexer_head_dim + d.indexer_heads)) / (d.q_lora_rank + h));
      B.lin("grouped output projection", H * d.head_dim / t, d.output_group_rank);
      B.lin("output projection", d.output_groups * double(d.output_group_rank) / t, h);
      break;
    }
  }
  AttentionCoreCost core = attention_core_cost(m, kind, mb.sequences, mb.seq_len, mb.tp, mb.activation_bytes);
  B.w.ops.push_back(Op{std::string("attention core (") + layer_attention_name(kind) + ")", OpClass::AttentionCore,
                       Precision::BF16, core.flops_fwd, core.bytes_fwd, {}});
}

void add_ffn(Builder& B, const ModelShape& m, long layer) {
  const MicrobatchShape& mb = B.mb;
  const double h = m.hidden, t = mb.tp, n = B.n();
  const double ab = mb.activation_bytes;
  if (!m.layer_is_moe(layer)) {
    B.lin("ffn gate+up", h, 2.0 * m.dense_ffn / t);
    B.lin("ffn down", m.dense_ffn / t, h);
    B.elementwise("swiglu", n * 3.0 * m.dense_ffn / t, ab);
    return;
  }
  const double f = m.expert_ffn, E = m.routed_experts, k = m.top_k;
  if (layer - m.dense_layers >= m.hash_routed_layers) {
    B.linear("router", n, h, E, Precision::BF16, 2.0);
    B.elementwise("router softmax + top-k", n * E, 4.0);
  }
  if (m.shared_experts > 0) {
    B.lin("shared expert gate+up", h, 2.0 * m.shared_experts * f / t);
    B.lin("shared expert down", m.shared_experts * f / t, h);
    B.elementwise("shared swiglu", n * 3.0 * m.shared_experts * f / t, ab);
  }
  // Routed experts. With ep > 1 the MoE block's tokens are split over the tp ranks before dispatch
  // (Megatron-Core requires sequence parallelism for MoE with tp > 1), experts are not tensor-split,
  // and each rank's local experts receive, on average, the n·k/tp pairs its own tokens send (the
  // same count comm_volume.cpp dispatches). With ep = 1 every rank holds every expert, tensor-split
  // tp ways, and sees all n·k pairs. Either way a rank does 1/tp of the microbatch's expert FLOPs.
  // The busiest expert-parallel rank receives `expert_imbalance` × the mean (expert_balance.hpp).
  const double etp = mb.ep > 1 ? 1.0 : t;
  const double token_split = mb.ep > 1 ? t : 1.0;
  const double local_experts = E / double(mb.ep);
  const double mean_pairs = n * k / token_split;
  const double imbalance = mb.ep > 1 ? expert_load_imbalance(mean_pairs, mb.ep, long(local_experts), mb.routing_skew) : 1.0;
  const double pairs = mean_pairs * imbalance;
  B.w.tokens_per_expert = mean_pairs / local_experts;
  B.w.expert_imbalance = imbalance;
  B.linear("routed experts gate+up", pairs, h, 2.0 * f / etp, mb.precision, B.wb(), local_experts);
  B.linear("routed experts down", pairs, f / etp, h, mb.precision, B.wb(), local_experts);
  B.elementwise("routed swiglu", pairs * 3.0 * f / etp, ab);
  B.elementwise("permute + unpermute tokens", 4.0 * pairs * h, ab);
}

void add_layer(Builder& B, const ModelShape& m, long layer) {
  const MicrobatchShape& mb = B.mb;
  const double h = m.hidden, n = B.n(), ab = mb.activation_bytes;
  const double split = mb.sequence_parallel ? double(mb.tp) : 1.0;
  B.elementwise("norms + residual adds", n * h * (2 * 2 + 2 * 3) / split, ab);
  if (m.residual_streams > 1) {
    const double s = m.residual_streams, coeffs = s * s + 2 * s;
    for (const char* site : {"hyper-connection (attention)", "hyper-connection (ffn)"}) {
      B.linear(site, n / split, s * h, coeffs, Precision::BF16, 2.0);
      B.elementwise(std::string(site) + " mixing", n * s * h * 2 / split, ab);
    }
  }
  add_attention(B, m, m.layer_attention(layer));
  add_ffn(B, m, layer);
}

}  // namespace

LayerWork layer_forward_work(const ModelShape& m, long layer, const MicrobatchShape& mb) {
  Builder B{mb, {}};
  B.w.name = "layer " + std::to_string(layer) + " (" + layer_attention_name(m.layer_attention(layer)) +
             (m.layer_is_moe(layer) ? ", moe)" : ", dense)");
  add_layer(B, m, layer);
  return B.w;
}

LayerWork embedding_forward_work(const ModelShape& m, const MicrobatchShape& mb) {
  Builder B{mb, {}};
  B.w.name = "embedding";
  const double split = mb.sequence_parallel ? double(mb.tp) : 1.0;
  B.elementwise("embedding lookup", B.n() * m.hidden * m.residual_streams / split, 2.0 * mb.activation_bytes);
  return B.w;
}

LayerWork head_forward_work(const ModelShape& m, const MicrobatchShape& mb) {
  Builder B{mb, {}};
  B.w.name = "output head";
  const double n = B.n(), V = double(m.vocab) / double(mb.tp);
  B.elementwise("final norm", n * m.hidden * 2, mb.activation_bytes);
  B.linear("output head", n, m.hidden, V, Precision::BF16, 2.0);
  B.elementwise("softmax cross-entropy", n * V * 3, 4.0);  // FP32 logits: read, exp, write grad
  return B.w;
}

LayerWork mtp_forward_work(const ModelShape& m, long module, const MicrobatchShape& mb) {
  Builder B{mb, {}};
  B.w.name = "mtp " + std::to_string(module);
  B.lin("mtp projection", 2.0 * m.hidden, m.hidden);
  add_layer(B, m, m.layers - 1);
  LayerWork head = head_forward_work(m, mb);
  B.w.ops.insert(B.w.ops.end(), head.ops.begin(), head.ops.end());
  return B.w;
}

OpTime op_time(const Op& o, const Chip& chip, const EfficiencyFactors& eff) {
  OpTime t;
  double fwd_shape = 1.0, bwd_shape = 1.0;
  if (o.cls == OpClass::Linear && o.shape.valid()) {
    fwd_shape = gemm_shape_efficiency(o.shape, chip.gemm);
    const double dx = gemm_shape_efficiency(grad_input_shape(o.shape), chip.gemm);
    const double dw = gemm_shape_efficiency(grad_weight_shape(o.shape), chip.gemm);
    bwd_shape = 2.0 / (1.0 / dx + 1.0 / dw);  // two GEMMs of equal FLOPs, run one after the other
  }
  t.forward_s = roofline(o.flops, o.bytes, o.precision, o.cls, chip, eff, fwd_shape).time_s;
  t.backward_s = roofline(2 * o.flops, 2 * o.bytes, o.precision, o.cls, chip, eff, bwd_shape).time_s;
  return t;
}

WorkTime work_time(const LayerWork& w, RecomputeKind r, const Chip& chip, const EfficiencyFactors& eff) {
  WorkTime t;
  for (const auto& o : w.ops) {
    const OpTime ot = op_time(o, chip, eff);
    t.forward_s += ot.forward_s;
    t.backward_s += ot.backward_s;
    const bool again = r == RecomputeKind::Full ||
                       (r == RecomputeKind::Selective && o.cls != OpClass::Linear);
    if (again) t.recompute_s += ot.forward_s;
  }
  return t;
}

}  // namespace ascendsim
