// The attention core (scores and weighted values, not the projections) of one layer for a
// microbatch of `sequences` causal sequences of `seq_len` tokens: how many (query, key) pairs each
// variant visits and what that costs. Dense causal: query t sees t keys. DeepSeek-V4 CSA: query t sees
// min(top_k, floor(t/4)) compressed entries plus min(t, window) recent tokens; HCA: floor(t/128) + window.
#pragma once
#include "sim/workload/model_shape.hpp"

namespace ascendsim {

// Closed-form sums over query positions t = 1..s.
double causal_pairs(long s);                              // Σ t = s(s+1)/2
double window_pairs(long s, long window);                 // Σ min(t, window)
double compressed_pairs(long s, long ratio, long cap);    // Σ min(floor(t/ratio), cap); cap < 0: no cap

struct AttentionCoreCost {
  double pairs = 0;         // (query, key) pairs per sequence, summed over the microbatch
  double flops_fwd = 0;     // forward FLOPs on one chip (heads split over tensor parallel)
  double bytes_fwd = 0;     // HBM bytes: Q, O, and K/V (re-read per query tile, or gathered for CSA)
  double indexer_flops_fwd = 0;  // CSA lightning indexer (included in flops_fwd)
};

// Query tile of flash-style kernels: K/V are streamed once per tile of this many queries (assumption).
constexpr long kAttentionQueryTile = 128;

AttentionCoreCost attention_core_cost(const ModelShape& m, LayerAttention kind, long sequences, long seq_len,
                                      long tp, int activation_bytes);

}  // namespace ascendsim
