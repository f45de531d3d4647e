// The shape of a transformer language model as workloads/<model>.toml (kind = "model") describes it:
// layers, widths, attention variant (GQA, DeepSeek MLA, DeepSeek-V4 CSA/HCA hybrid), dense FFN and
// mixture-of-experts sizes, multi-token prediction and hyper-connections. Numbers come from the
// published configs (REFERENCE.md section 4); undisclosed V4 details are `assumption` in the files.
#pragma once
#include "sim/config/toml_reader.hpp"
#include <string>

#include "sim/config/input_error.hpp"

namespace ascendsim {

enum class AttentionKind { GQA, MLA, Hybrid };
const char* attention_kind_name(AttentionKind k);  // "gqa", "mla", "hybrid"

// What one layer's attention is (hybrid models alternate CSA and HCA).
enum class LayerAttention { GQA, MLA, CSA, HCA };
const char* layer_attention_name(LayerAttention a);

struct GqaDims {
  long head_dim = 128;  // per query head and per KV head
  long kv_heads = 8;
};

struct MlaDims {  // DeepSeek-V2/V3 multi-head latent attention
  long q_lora_rank = 0;  // 0: queries projected directly from the hidden state
  long kv_lora_rank = 512;
  long qk_nope_dim = 128;
  long qk_rope_dim = 64;
  long v_head_dim = 128;
};

struct HybridDims {  // DeepSeek-V4 compressed sparse (CSA) + heavily compressed (HCA) attention
  long q_lora_rank = 1024;       // low-rank query path (assumption: as in MLA)
  long head_dim = 512;           // query head width = the shared KV head width (assumption)
  long kv_width = 512;           // one KV head shared by all query heads (published)
  long output_groups = 8;        // grouped output projection: groups (assumption)
  long output_group_rank = 1024; // each group's intermediate width (assumption)
  long csa_compression = 4;      // KV entries compressed 4x along the sequence (published)
  long csa_top_k = 1024;         // compressed entries each query attends to (published)
  long hca_compression = 128;    // (published)
  long window_tokens = 128;      // sliding-window branch of both (published)
  long indexer_heads = 64;       // lightning-indexer heads selecting the top-k (assumption, V3.2 DSA)
  long indexer_head_dim = 128;   // (assumption, V3.2 DSA)
  long first_csa_layer = 0;      // layers alternate CSA, HCA, CSA, ... starting here; earlier layers are HCA
};

struct ModelShape {
  std::string name;
  std::string file;  // where it was loaded from ("" when built by hand)
  long layers = 0;
  long hidden = 0;
  long vocab = 0;
  bool tied_embeddings = false;

  AttentionKind attention = AttentionKind::GQA;
  long heads = 0;  // query heads
  GqaDims gqa;
  MlaDims mla;
  HybridDims hybrid;

  long dense_layers = 0;  // the first `dense_layers` layers use a dense SwiGLU FFN
  long dense_ffn = 0;     // its intermediate width
  long routed_experts = 0;  // 0: no MoE
  long shared_experts = 0;
  long top_k = 0;
  long expert_ffn = 0;          // intermediate width of each expert (SwiGLU)
  long hash_routed_layers = 0;  // first MoE layers routed by token hash: no router weights
  // Group-limited (node-limited) routing, DeepSeek-V3 s2.1.2: the routed experts form
  // `expert_groups` equal groups of consecutive experts and a token's top_k experts come from at
  // most `max_groups_per_token` of them (config.json n_group / topk_group). 0: no limit.
  long expert_groups = 0;
  long max_groups_per_token = 0;

  long mtp_depth = 0;         // multi-token-prediction modules (extra layer + projection each)
  long residual_streams = 1;  // manifold-constrained hyper-connections: parallel residual streams

  double published_total_params = 0;   // for reports and tests (0: none published)
  double published_active_params = 0;

  bool is_moe() const { return routed_experts > 0; }
  bool group_limited_routing() const { return is_moe() && expert_groups > 0 && max_groups_per_token > 0; }
  bool layer_is_moe(long layer) const { return is_moe() && layer >= dense_layers; }
  LayerAttention layer_attention(long layer) const;
};

// Loads a kind = "model" file; throws InputError listing every problem (located).
// `overrides` (from --set) whose key path starts with "model." apply to this file.
ModelShape load_model(const std::string& path, std::vector<Override>* overrides = nullptr);

}  // namespace ascendsim
