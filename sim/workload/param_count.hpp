// Parameter counts of a ModelShape, per layer and in total, from the weight-matrix shapes alone
// (SwiGLU FFNs: 3 matrices; RMSNorm: one vector). "Active" = weights every token multiplies through
// (top-k routed + shared experts, attention, head): the N in 6·N·T; the input embedding is a lookup.
#pragma once
#include <vector>

#include "sim/workload/model_shape.hpp"

namespace ascendsim {

struct LayerParams {
  double attention = 0;          // all attention projections (+ compressors, indexer) and their inner norms
  double norms = 0;              // the layer's two RMSNorm vectors
  double hyper_connections = 0;  // mHC mixing projections
  double dense_ffn = 0;
  double router = 0;
  double shared_experts = 0;
  double routed_experts = 0;  // all routed experts of the layer
  double routed_active = 0;   // the top-k a token uses
  double expert_each = 0;     // one expert
  double total() const { return attention + norms + hyper_connections + dense_ffn + router + shared_experts + routed_experts; }
  double active() const { return attention + norms + hyper_connections + dense_ffn + router + shared_experts + routed_active; }
  // Weights replicated on every expert-parallel rank (everything but the routed experts).
  double non_expert() const { return total() - routed_experts; }
};

struct ParamCount {
  double embedding = 0;    // vocab × hidden (input)
  double output_head = 0;  // vocab × hidden (0 when tied)
  double final_norm = 0;
  std::vector<LayerParams> layers;
  LayerParams mtp_layer;      // the transformer block of one MTP module
  double mtp_projection = 0;  // its 2h→h projection and norms
  long mtp_depth = 0;

  double total = 0;                  // main model (MTP excluded, as DeepSeek reports 671 B)
  double active = 0;                 // per token, main model, input embedding excluded
  double active_with_embedding = 0;  // + the embedding row a token looks up
  double mtp_total = 0;              // all MTP modules (embedding and head shared with the main model)
  double mtp_active = 0;
};

LayerParams layer_params(const ModelShape& m, long layer);
ParamCount count_params(const ModelShape& m);

}  // namespace ascendsim
