// Parameter arithmetic for each attention variant and FFN kind; formulas are in docs/workload.md.
#include "sim/workload/param_count.hpp"

namespace ascendsim {

static double attention_params(const ModelShape& m, LayerAttention kind) {
  const double h = m.hidden, H = m.heads;
  switch (kind) {
    case LayerAttention::GQA: {
      const double dh = m.gqa.head_dim, G = m.gqa.kv_heads;
      return h * H * dh + 2 * h * G * dh + H * dh * h;
    }
    case LayerAttention::MLA: {
      const MlaDims& d = m.mla;
      const double qk = d.qk_nope_dim + d.qk_rope_dim;
      double q = d.q_lora_rank > 0 ? h * d.q_lora_rank + d.q_lora_rank + double(d.q_lora_rank) * H * qk : h * H * qk;
      double kv = h * (d.kv_lora_rank + d.qk_rope_dim) + d.kv_lora_rank +
                  double(d.kv_lora_rank) * H * (d.qk_nope_dim + d.v_head_dim);
      double o = H * d.v_head_dim * h;
      return q + kv + o;
    }
    case LayerAttention::CSA:
    case LayerAttention::HCA: {
      const HybridDims& d = m.hybrid;
      double q = h * d.q_lora_rank + d.q_lora_rank + double(d.q_lora_rank) * H * d.head_dim;
      double kv = h * d.kv_width + d.kv_width;
      double compressor = h * 2.0 * d.kv_width;  // candidate entries + pooling gates (assumption)
      double o = H * d.head_dim * d.output_group_rank + double(d.output_groups) * d.output_group_rank * h;
      double indexer = 0;
      if (kind == LayerAttention::CSA)
        indexer = double(d.q_lora_rank) * d.indexer_heads * d.indexer_head_dim + h * d.indexer_head_dim +
                  h * d.indexer_heads;
      return q + kv + compressor + o + indexer;
    }
  }
  return 0;
}

LayerParams layer_params(const ModelShape& m, long layer) {
  LayerParams p;
  const double h = m.hidden;
  p.attention = attention_params(m, m.layer_attention(layer));
  p.norms = 2 * h;
  if (m.residual_streams > 1) {
    // Two hyper-connection sites (attention, FFN) per layer; each maps the n·h flattened streams to
    // n pre-weights, n post-weights and an n×n residual mix (dynamic part), plus static biases.
    const double n = m.residual_streams;
    p.hyper_connections = 2 * (n * h * (n * n + 2 * n) + (n * n + 2 * n));
  }
  if (m.layer_is_moe(layer)) {
    const double expert = 3 * h * m.expert_ffn;
    p.expert_each = expert;
    p.router = (layer - m.dense_layers) < m.hash_routed_layers ? 0.0 : double(m.routed_experts) * h;
    p.shared_experts = m.shared_experts * expert;
    p.routed_experts = m.routed_experts * expert;
    p.routed_active = m.top_k * expert;
  } else {
    p.dense_ffn = 3 * h * m.dense_ffn;
  }
  return p;
}

ParamCount count_params(const ModelShape& m) {
  ParamCount c;
  const double h = m.hidden;
  c.embedding = double(m.vocab) * h;
  c.output_head = m.tied_embeddings ? 0.0 : double(m.vocab) * h;
  c.final_norm = h;
  double layer_total = 0, layer_active = 0;
  for (long i = 0; i < m.layers; ++i) {
    c.layers.push_back(layer_params(m, i));
    layer_total += c.layers.back().total();
    layer_active += c.layers.back().active();
  }
  c.total = c.embedding + c.output_head + c.final_norm + layer_total;
  // With tied embeddings the head's matmul still uses the (shared) matrix for every token.
  const double head_active = m.tied_embeddings ? c.embedding : c.output_head;
  c.active = layer_active + head_active + c.final_norm;
  c.active_with_embedding = c.active + (m.tied_embeddings ? 0.0 : h);
  c.mtp_depth = m.mtp_depth;
  if (m.mtp_depth > 0) {
    // An MTP module is one more block shaped like the model's last layer, a 2h→h projection of
    // [embedding; hidden] and three norms; embedding and head are shared (DeepSeek-V3 report 2.2).
    c.mtp_layer = layer_params(m, m.layers - 1);
    c.mtp_projection = 2 * h * h + 3 * h;
    c.mtp_total = m.mtp_depth * (c.mtp_layer.total() + c.mtp_projection);
    c.mtp_active = m.mtp_depth * (c.mtp_layer.active() + c.mtp_projection);
  }
  return c;
}

}  // namespace ascendsim
