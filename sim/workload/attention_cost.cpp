// FLOPs per (query, key) pair: 2·d_qk for the score and 2·d_v for the weighted value, per head.
#include "sim/workload/attention_cost.hpp"

#include <algorithm>

namespace ascendsim {

double causal_pairs(long s) { return 0.5 * double(s) * double(s + 1); }

double window_pairs(long s, long w) {
  if (w <= 0) return 0;
  if (s <= w) return causal_pairs(s);
  return causal_pairs(w) + double(s - w) * double(w);
}

// Σ_{t=1..s} floor(t/c) = c·q(q−1)/2 + q·(r+1) with q = floor(s/c), r = s mod c.
static double floor_sum(long s, long c) {
  if (s <= 0) return 0;
  const double q = double(s / c), r = double(s % c);
  return double(c) * q * (q - 1) / 2 + q * (r + 1);
}

double compressed_pairs(long s, long c, long cap) {
  if (cap < 0) return floor_sum(s, c);
  const long t_cap = c * cap;  // from t = c·cap on, floor(t/c) >= cap
  if (s < t_cap) return floor_sum(s, c);
  return floor_sum(t_cap - 1, c) + double(cap) * double(s - t_cap + 1);
}

static double tiles(long s) { return double((s + kAttentionQueryTile - 1) / kAttentionQueryTile); }

AttentionCoreCost attention_core_cost(const ModelShape& m, LayerAttention kind, long b, long s, long tp,
                                      int ab) {
  AttentionCoreCost c;
  const double H = double(m.heads) / double(tp);  // heads on this chip
  const double n = double(b) * double(s);
  switch (kind) {
    case LayerAttention::GQA:
    case LayerAttention::MLA: {
      double dqk, dv, kv_heads;
      if (kind == LayerAttention::GQA) {
        dqk = dv = m.gqa.head_dim;
        kv_heads = double(m.gqa.kv_heads) / double(tp);
      } else {  // MLA in training materialises per-head K (nope + rope) and V from the latent
        dqk = m.mla.qk_nope_dim + m.mla.qk_rope_dim;
        dv = m.mla.v_head_dim;
        kv_heads = H;
      }
      c.pairs = double(b) * causal_pairs(s);
      c.flops_fwd = 2.0 * H * (dqk + dv) * c.pairs;
      // Q read, O written; K and V streamed once per query tile, on average over half the sequence (causal).
      c.bytes_fwd = n * H * (dqk + dv) * ab + n * kv_heads * (dqk + dv) * ab * tiles(s) / 2;
      break;
    }
    case LayerAttention::CSA:
    case LayerAttention::HCA: {
      const HybridDims& d = m.hybrid;
      const double dh = d.head_dim, kvw = d.kv_width;
      const bool csa = kind == LayerAttention::CSA;
      const long ratio = csa ? d.csa_compression : d.hca_compression;
      const double compressed = csa ? compressed_pairs(s, ratio, d.csa_top_k) : compressed_pairs(s, ratio, -1);
      const double windowed = window_pairs(s, d.window_tokens);
      c.pairs = double(b) * (compressed + windowed);
      // One shared KV head: the same 512-wide entry is both key and value for every query head.
      c.flops_fwd = 2.0 * H * (dh + kvw) * c.pairs;
      const double qo_bytes = n * H * 2 * dh * ab;
      if (csa) {
        // Each query gathers its own selected entries (no reuse across queries), shared by all heads.
        c.bytes_fwd = qo_bytes + c.pairs * kvw * ab;
        // Lightning indexer scores every compressed entry before the top-k selection.
        const double idx_pairs = double(b) * compressed_pairs(s, ratio, -1);
        c.indexer_flops_fwd = 2.0 * d.indexer_heads * d.indexer_head_dim * idx_pairs;
        c.flops_fwd += c.indexer_flops_fwd;
        c.bytes_fwd += double(b) * (double(s) / ratio) * d.indexer_head_dim * ab * tiles(s) / 2;
      } else {
        c.bytes_fwd = qo_bytes + double(b) * tiles(s) * (double(s) / ratio / 2 + d.window_tokens) * kvw * ab;
      }
      break;
    }
  }
  return c;
}

}  // namespace ascendsim
