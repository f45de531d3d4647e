// Loader for kind = "model" files: every key read through Section (typed, located, unknown keys are
// errors), then consistency checks that need several keys (top-k <= experts, dense layers <= layers).
#include "sim/workload/model_shape.hpp"

#include "sim/config/toml_reader.hpp"

namespace ascendsim {

const char* attention_kind_name(AttentionKind k) {
  switch (k) {
    case AttentionKind::GQA: return "gqa";
    case AttentionKind::MLA: return "mla";
    case AttentionKind::Hybrid: return "hybrid";
  }
  return "?";
}

const char* layer_attention_name(LayerAttention a) {
  switch (a) {
    case LayerAttention::GQA: return "gqa";
    case LayerAttention::MLA: return "mla";
    case LayerAttention::CSA: return "csa";
    case LayerAttention::HCA: return "hca";
  }
  return "?";
}

LayerAttention ModelShape::layer_attention(long layer) const {
  switch (attention) {
    case AttentionKind::GQA: return LayerAttention::GQA;
    case AttentionKind::MLA: return LayerAttention::MLA;
    case AttentionKind::Hybrid:
      if (layer < hybrid.first_csa_layer) return LayerAttention::HCA;
      return ((layer - hybrid.first_csa_layer) % 2 == 0) ? LayerAttention::CSA : LayerAttention::HCA;
  }
  return LayerAttention::GQA;
}

ModelShape load_model(const std::string& path, std::vector<Override>* overrides) {
  TomlDocument doc = TomlDocument::load(path, overrides, "model");
  Section root = doc.root();
  ModelShape m;
  m.file = path;
  root.choice("kind", {"model"});
  m.name = root.string("name");

  Section shape = root.table("shape");
  m.layers = shape.integer("layers", 1, 100000);
  m.hidden = shape.integer("hidden", 1, 1L << 24);
  m.vocab = shape.integer("vocab", 1, 1L << 30);
  m.tied_embeddings = shape.boolean_or("tied_embeddings", false);

  Section att = root.table("attention");
  const std::string kind = att.choice("kind", {"gqa", "mla", "hybrid"});
  m.heads = att.integer("heads", 1, 1L << 20);
  if (kind == "gqa") {
    m.attention = AttentionKind::GQA;
    m.gqa.head_dim = att.integer("head_dim", 1, 1L << 16);
    m.gqa.kv_heads = att.integer("kv_heads", 1, 1L << 20);
    if (!root.failed() && m.heads % m.gqa.kv_heads != 0)
      att.error("kv_heads", "query heads (" + std::to_string(m.heads) + ") must be a multiple of kv_heads (" +
                                std::to_string(m.gqa.kv_heads) + ")");
  } else if (kind == "mla") {
    m.attention = AttentionKind::MLA;
    m.mla.q_lora_rank = att.integer_or("q_lora_rank", 0, 0, 1L << 20);
    m.mla.kv_lora_rank = att.integer("kv_lora_rank", 1, 1L << 20);
    m.mla.qk_nope_dim = att.integer("qk_nope_head_dim", 1, 1L << 16);
    m.mla.qk_rope_dim = att.integer("qk_rope_head_dim", 0, 1L << 16);
    m.mla.v_head_dim = att.integer("v_head_dim", 1, 1L << 16);
  } else if (kind == "hybrid") {
    m.attention = AttentionKind::Hybrid;
    HybridDims& h = m.hybrid;
    h.q_lora_rank = att.integer("q_lora_rank", 1, 1L << 20);
    h.head_dim = att.integer("head_dim", 1, 1L << 16);
    h.kv_width = att.integer("kv_width", 1, 1L << 16);
    h.output_groups = att.integer("output_groups", 1, 1L << 16);
    h.output_group_rank = att.integer("output_group_rank", 1, 1L << 20);
    h.csa_compression = att.integer("csa_compression", 1, 1L << 20);
    h.csa_top_k = att.integer("csa_top_k", 1, 1L << 30);
    h.hca_compression = att.integer("hca_compression", 1, 1L << 20);
    h.window_tokens = att.integer("window_tokens", 0, 1L << 30);
    h.indexer_heads = att.integer("indexer_heads", 0, 1L << 16);
    h.indexer_head_dim = att.integer("indexer_head_dim", 0, 1L << 16);
    // Layers before first_csa_layer are HCA; the released V4 configs start [0, 0, 4, 128, ...]
    // (two sliding-window-only layers), written as first_csa_layer = 2 (docs/workload.md).
    h.first_csa_layer = att.integer_or("first_csa_layer", 0, 0, 100000);
    if (!root.failed() && h.first_csa_layer >= m.layers)
      att.error("first_csa_layer", "first_csa_layer (" + std::to_string(h.first_csa_layer) + ") must be below shape.layers (" +
                                       std::to_string(m.layers) + ")");
    if (!root.failed() && m.heads % h.output_groups != 0)
      att.error("output_groups", "query heads (" + std::to_string(m.heads) + ") must divide into output_groups (" +
                                     std::to_string(h.output_groups) + ")");
  }

  Section ffn = root.table("ffn");
  m.dense_layers = ffn.integer("dense_layers", 0, 100000);
  m.dense_ffn = ffn.integer_or("dense_ffn", 0, 0, 1L << 24);
  if (!root.failed() && m.dense_layers > m.layers)
    ffn.error("dense_layers", "dense_layers (" + std::to_string(m.dense_layers) + ") exceeds shape.layers (" +
                                  std::to_string(m.layers) + ")");
  if (!root.failed() && m.dense_layers > 0 && m.dense_ffn == 0)
    ffn.error("dense_ffn", "missing: dense layers need an intermediate width");

  if (auto moe = root.table_opt("moe")) {
    m.routed_experts = moe->integer("routed_experts", 1, 1L << 20);
    m.shared_experts = moe->integer_or("shared_experts", 0, 0, 1024);
    m.top_k = moe->integer("top_k", 1, 1024);
    m.expert_ffn = moe->integer("expert_ffn", 1, 1L << 24);
    m.hash_routed_layers = moe->integer_or("hash_routed_layers", 0, 0, 100000);
    if (!root.failed() && m.top_k > m.routed_experts)
      moe->error("top_k", "top_k (" + std::to_string(m.top_k) + ") exceeds routed_experts (" +
                              std::to_string(m.routed_experts) + ")");
    // Group-limited routing: both keys or neither (absent: a token may reach every expert).
    const bool has_groups = moe->has("expert_groups"), has_limit = moe->has("max_groups_per_token");
    m.expert_groups = moe->integer_or("expert_groups", 0, 1, 1L << 20);
    m.max_groups_per_token = moe->integer_or("max_groups_per_token", 0, 1, 1L << 20);
    if (has_groups != has_limit) {
      moe->error(has_groups ? "expert_groups" : "max_groups_per_token",
                 "expert_groups and max_groups_per_token go together (config.json n_group and topk_group); "
                 "give both or neither");
    } else if (has_groups) {
      if (!root.failed() && m.routed_experts % m.expert_groups != 0)
        moe->error("expert_groups", "expert_groups (" + std::to_string(m.expert_groups) +
                                        ") must divide routed_experts (" + std::to_string(m.routed_experts) + ")");
      else if (!root.failed() && m.max_groups_per_token > m.expert_groups)
        moe->error("max_groups_per_token", "max_groups_per_token (" + std::to_string(m.max_groups_per_token) +
                                               ") exceeds expert_groups (" + std::to_string(m.expert_groups) + ")");
      else if (!root.failed() && m.max_groups_per_token * (m.routed_experts / m.expert_groups) < m.top_k)
        moe->error("max_groups_per_token",
                   "max_groups_per_token (" + std::to_string(m.max_groups_per_token) + ") groups of " +
                       std::to_string(m.routed_experts / m.expert_groups) + " experts hold fewer than top_k (" +
                       std::to_string(m.top_k) + ") experts");
    }
  } else if (!root.failed() && m.dense_layers < m.layers) {
    ffn.error("dense_layers", "only " + std::to_string(m.dense_layers) + " of " + std::to_string(m.layers) +
                                  " layers are dense and there is no [moe] table for the rest");
  }
  if (auto mtp = root.table_opt("mtp")) m.mtp_depth = mtp->integer("depth", 0, 16);
  if (auto hc = root.table_opt("hyper_connections")) m.residual_streams = hc->integer("streams", 1, 64);
  if (auto pub = root.table_opt("published")) {
    m.published_total_params = pub->quantity_or("total_params", Dimension::Count, 0);
    m.published_active_params = pub->quantity_or("active_params", Dimension::Count, 0);
  }
  doc.finish();
  return m;
}

}  // namespace ascendsim
