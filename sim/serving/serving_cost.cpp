// Serving cost from the training cost model: layer_forward_work() gives each layer's projections,
// norms and FFN ops for the step's tokens (decode: one token per sequence), roofline() times them
// on one die; the attention core over the KV cache, the local experts and EP all-to-alls are added
// here because decode reads a cache (training does not) and EP layouts put experts on dies.
#include "sim/serving/serving_cost.hpp"

#include <algorithm>
#include <cmath>

#include "sim/serving/ep_traffic.hpp"
#include "sim/workload/layer_cost.hpp"
#include "sim/workload/param_count.hpp"

namespace ascendsim {

namespace {

double kvb(const ServingModel& s) { return precision_bytes_x2(s.dep.kv_precision) / 2.0; }
double wb(const ServingModel& s) { return precision_bytes_x2(s.dep.weight_precision) / 2.0; }

// Roofline time on one die; Linear ops with a GEMM shape lose tile and wave quantization on the
// die's cube cores (the training model's gemm_shape_efficiency, via layer_cost's op_time).
// Decode GEMMs are skinny (m = tokens on the die): when the output has fewer tiles than the die has
// cube cores, the matmul library splits the reduction over the idle cores (split-K: CANN's multi-core
// K split, cuBLAS split-K/stream-K), which the shape model expresses as `split` groups of k/split.
Op split_k(const Op& op, const GemmCores& c) {
  if (op.cls != OpClass::Linear || !op.shape.valid() || c.cores <= 0 || c.tile_m <= 0 || c.tile_n <= 0) return op;
  double tm = op.shape.m >= c.tile_m ? c.tile_m : std::max(1, c.min_tile_m);
  while (tm < op.shape.m && tm < c.tile_m) tm *= 2;
  const double tiles = op.shape.groups * std::ceil(op.shape.m / tm - 1e-9) * std::ceil(op.shape.n / c.tile_n - 1e-9);
  const double split = std::floor(double(c.cores) / tiles);
  if (split < 2) return op;
  Op o = op;
  o.shape.k = op.shape.k / split;
  o.shape.groups = op.shape.groups * split;
  return o;
}
double op_time(const ServingModel& s, const Op& op) {
  return ascendsim::op_time(split_k(op, s.die.gemm), s.die, s.eff.roofline()).forward_s;
}

bool is_expert_op(const Op& op) {
  return op.name.rfind("routed", 0) == 0 || op.name.rfind("shared", 0) == 0 || op.name.rfind("permute", 0) == 0;
}

// Projections, norms, dense FFN, router: everything of a layer but the attention core and experts.
double non_expert_time(const ServingModel& s, const LayerWork& w) {
  double t = 0;
  for (const Op& op : w.ops)
    if (op.cls != OpClass::AttentionCore && !is_expert_op(op) && op.name != "softmax cross-entropy") t += op_time(s, op);
  return t;
}

// KV bytes per cached token of one layer (memory footprint).
double layer_kv_bytes_per_token(const ModelShape& m, LayerAttention kind, double bytes) {
  switch (kind) {
    case LayerAttention::GQA: return 2.0 * m.gqa.kv_heads * m.gqa.head_dim * bytes;
    case LayerAttention::MLA: return double(m.mla.kv_lora_rank + m.mla.qk_rope_dim) * bytes;
    case LayerAttention::CSA:
      return double(m.hybrid.kv_width + m.hybrid.indexer_head_dim) / m.hybrid.csa_compression * bytes;
    case LayerAttention::HCA: return double(m.hybrid.kv_width) / m.hybrid.hca_compression * bytes;
  }
  return 0;
}

// Decode attention core for `queries` query tokens of `requests` requests, each over `L` cached tokens.
// MLA runs absorbed (queries in the 512-wide latent space): 2(r_kv + d_rope) + 2 r_kv FLOPs per head
// per key, the cache read once per request. V4: CSA attends to min(top_k, L/4) compressed entries plus
// the window and its indexer scores all L/4; HCA to L/128 entries plus the window.
Op attention_op(const ServingModel& s, LayerAttention kind, double queries, double requests, double L) {
  const ModelShape& m = s.model;
  const double H = m.heads, b = kvb(s);
  Op op{"attention core", OpClass::AttentionCore, Precision::BF16, 0, 0, {}};
  switch (kind) {
    case LayerAttention::GQA: {
      const double d = m.gqa.head_dim;
      op.flops = queries * L * H * 4.0 * d;
      op.bytes = requests * L * 2.0 * m.gqa.kv_heads * d * b + queries * H * d * 2.0 * 2.0;
      break;
    }
    case LayerAttention::MLA: {
      const double dl = m.mla.kv_lora_rank + m.mla.qk_rope_dim;
      op.flops = queries * L * H * (2.0 * dl + 2.0 * m.mla.kv_lora_rank);
      op.bytes = requests * L * dl * b + queries * H * (dl + m.mla.kv_lora_rank) * 2.0;
      break;
    }
    case LayerAttention::CSA: {
      const auto& y = m.hybrid;
      const double entries = std::floor(L / y.csa_compression);
      const double keys = std::min<double>(y.csa_top_k, entries) + std::min<double>(L, y.window_tokens);
      op.flops = queries * H * keys * 4.0 * y.head_dim + queries * entries * 2.0 * y.indexer_heads * y.indexer_head_dim;
      op.bytes = queries * keys * y.kv_width * b + requests * entries * y.indexer_head_dim * b +
                 queries * H * y.head_dim * 2.0 * 2.0;
      break;
    }
    case LayerAttention::HCA: {
      const auto& y = m.hybrid;
      const double keys = std::floor(L / y.hca_compression) + std::min<double>(L, y.window_tokens);
      op.flops = queries * H * keys * 4.0 * y.head_dim;
      op.bytes = requests * keys * y.kv_width * b + queries * H * y.head_dim * 2.0 * 2.0;
      break;
    }
  }
  return op;
}

// One MoE layer's experts on the slowest die kind of a pool with EP degree `ep` when each rank holds
// `tokens` tokens. Routed ranks hold (E + redundant) / (ep - shared ranks) expert replicas and get an
// equal share of the T·k routed pairs (T = tokens·ep, balanced routing); only the replicas a token
// reaches are read (expected_experts_touched: at small decode batches a die with several experts
// streams fewer weights); the grouped GEMM runs touched groups of pairs/touched rows (GEMM shape
// efficiency of the training model). Shared-expert ranks (if any) get every token once; without
// them the shared expert runs on every rank for its own tokens.
struct ExpertWork {
  double time_s = 0, touched = 0;
};
ExpertWork experts_time(const ServingModel& s, const PoolLayout& pool, double tokens) {
  const ModelShape& m = s.model;
  const double h = m.hidden, f = m.expert_ffn, w = wb(s);
  const double routed_ranks = double(pool.ep - pool.shared_expert_ranks);
  const double slots = double(m.routed_experts + pool.redundant_experts);
  const double local = slots / routed_ranks;
  const double T = tokens * pool.ep;
  auto ffn = [&](double pairs, double experts) {
    if (pairs <= 0 || experts <= 0) return 0.0;
    const double rows = pairs / experts;
    const Op up{"gate+up", OpClass::Linear, s.dep.weight_precision, 2.0 * pairs * h * 2.0 * f,
                pairs * (h + 2.0 * f) * 2.0 + experts * h * 2.0 * f * w, GemmShape{rows, 2.0 * f, h, experts}};
    const Op down{"down", OpClass::Linear, s.dep.weight_precision, 2.0 * pairs * f * h,
                  pairs * (f + h) * 2.0 + experts * f * h * w, GemmShape{rows, h, f, experts}};
    const Op act{"swiglu", OpClass::Elementwise, Precision::BF16, 0, pairs * 3.0 * f * 2.0, {}};
    return op_time(s, up) + op_time(s, down) + op_time(s, act);
  };
  ExpertWork e;
  e.touched = std::max(std::min(1.0, local), expected_experts_touched(local, slots, double(m.top_k), T));
  const double routed = ffn(T * m.top_k / routed_ranks, e.touched);
  if (m.shared_experts == 0) e.time_s = routed;
  else if (pool.shared_expert_ranks == 0) e.time_s = routed + ffn(tokens * m.shared_experts, m.shared_experts);
  else e.time_s = std::max(routed, ffn(T * m.shared_experts / pool.shared_expert_ranks, m.shared_experts));
  return e;
}

double destinations(const ServingModel& s, const PoolLayout& pool) {
  return double(s.model.top_k) + (pool.shared_expert_ranks > 0 ? double(s.model.shared_experts) : 0.0);
}

// Distinct ranks one die's `tokens` tokens are dispatched to in one MoE layer (one message each):
// routed ranks by expected_destination_ranks, plus one shared-expert rank per shared expert.
double dispatch_messages(const ServingModel& s, const PoolLayout& pool, double tokens) {
  if (pool.ep <= 1 || tokens <= 0) return 0;
  const ModelShape& m = s.model;
  const double routed_ranks = double(pool.ep - pool.shared_expert_ranks);
  const double slots = double(m.routed_experts + pool.redundant_experts);
  const double routed = expected_destination_ranks(routed_ranks, slots / routed_ranks, slots, double(m.top_k), tokens);
  return routed + (pool.shared_expert_ranks > 0 ? double(m.shared_experts) : 0.0);
}

// Dispatch + combine of one MoE layer: simulated all-to-all for the bytes plus messages x per-message cost.
struct EpTraffic {
  double dispatch_s = 0, combine_s = 0, messages = 0;
};
EpTraffic ep_traffic(const ServingModel& s, const PoolLayout& pool, const AllToAllModel& a2a, double tokens) {
  EpTraffic t;
  if (pool.ep <= 1 || tokens <= 0) return t;
  const double pairs = tokens * destinations(s, pool);
  t.messages = dispatch_messages(s, pool, tokens);
  t.dispatch_s = a2a.time_s(pairs * s.model.hidden * (1.0 + 1.0 / 14.0)) + t.messages * s.dispatch_message_s;
  t.combine_s = a2a.time_s(pairs * s.model.hidden * 2.0) + t.messages * s.combine_message_s;
  return t;
}

MicrobatchShape decode_mb(const ServingModel& s, double tokens) {
  MicrobatchShape mb;
  mb.sequences = std::max(1L, static_cast<long>(std::ceil(tokens - 1e-9)));
  mb.seq_len = 1;
  mb.precision = s.dep.weight_precision;
  return mb;
}

}  // namespace

ServingEfficiency serving_efficiency(const ChipCatalogue& cat) {
  ServingEfficiency e;
  const Efficiency& c = cat.efficiency;
  e.matmul = c.serving_matmul.nominal;
  e.attention = c.serving_attention.nominal;
  e.hbm = c.serving_hbm.nominal;
  e.dispatch = c.serving_dispatch.nominal;
  e.combine = c.serving_combine.nominal;
  e.step = c.serving_step.nominal;
  e.network = c.network.nominal;
  return e;
}

double dispatch_bytes_per_rank(const ServingModel& s, double tokens) {
  return tokens * destinations(s, s.dep.decode) * s.model.hidden * (1.0 + 1.0 / 14.0);
}
double combine_bytes_per_rank(const ServingModel& s, double tokens) {
  return tokens * destinations(s, s.dep.decode) * s.model.hidden * 2.0;
}

ServingModel make_serving_model(const ModelShape& m, const Chip& chip, const Deployment& dep,
                                const ServingEfficiency& eff) {
  ServingModel s;
  s.model = m;
  s.chip = chip;
  s.dep = dep;
  s.eff = eff;
  const double dies = std::max(1, chip.dies);
  s.die = chip;
  for (auto& [p, v] : s.die.peak_flops) v = Param(v.nominal / dies);
  s.die.hbm_capacity_B = Param(chip.hbm_capacity_B.nominal / dies);
  s.die.hbm_bandwidth_Bps = Param(chip.hbm_bandwidth_Bps.nominal / dies);
  s.die.scaleup_bandwidth_Bps = Param(chip.scaleup_bandwidth_Bps.nominal / dies);
  s.die.gemm.cores = std::max(1, chip.gemm.cores / static_cast<int>(dies));  // a die's share of the cube cores
  const A2aMessageCost msg = a2a_message_cost(eff.dispatch, eff.combine);
  s.dispatch_message_s = msg.dispatch_s;
  s.combine_message_s = msg.combine_s;
  s.decode_dies = dep.decode.npus_per_instance * chip.dies;
  s.prefill_dies = dep.prefill.npus_per_instance * chip.dies;

  std::vector<Diagnostic> problems;
  auto check_pool = [&](const PoolLayout& pool, const SourceLocation& at, const char* key) {
    if (!m.is_moe()) {
      if (pool.ep != 1)
        problems.push_back({at, key, "expected ep = 1 for dense model " + m.name + ", found " + std::to_string(pool.ep)});
      return;
    }
    const long routed_ranks = pool.ep - pool.shared_expert_ranks;
    const long replicas = m.routed_experts + pool.redundant_experts;
    if (routed_ranks < 1 || (replicas % routed_ranks != 0 && routed_ranks % replicas != 0) || routed_ranks > replicas)
      problems.push_back({at, key, "expected the " + std::to_string(replicas) + " routed expert replicas (" +
                                       std::to_string(m.routed_experts) + " experts + " +
                                       std::to_string(pool.redundant_experts) + " redundant) to divide evenly over " +
                                       std::to_string(routed_ranks) + " routed-expert ranks (ep " +
                                       std::to_string(pool.ep) + " - " + std::to_string(pool.shared_expert_ranks) +
                                       " shared-expert ranks)"});
    if (pool.shared_expert_ranks > 0 && m.shared_experts == 0)
      problems.push_back({at, key, "model " + m.name + " has no shared expert for the shared-expert ranks"});
  };
  check_pool(dep.decode, dep.decode_ep_at, "decode.ep");
  check_pool(dep.prefill, dep.prefill_ep_at, "prefill.ep");
  if (!chip.supports(dep.weight_precision))
    problems.push_back({dep.precision_at, "precision.weights",
                        std::string("chip ") + chip.name + " has no " + precision_name(dep.weight_precision) + " rate"});
  if (dep.mtp_draft_tokens > 0 && m.mtp_depth == 0)
    problems.push_back({dep.mtp_at, "mtp.draft_tokens", "model " + m.name + " has no multi-token-prediction module"});
  if (!problems.empty()) throw InputError(problems);

  const double a = dep.mtp_acceptance.nominal;
  s.tokens_per_step = 1;
  for (long i = 1; i <= dep.mtp_draft_tokens; ++i) s.tokens_per_step += std::pow(a, double(i));

  // KV cache per token (every layer, and the MTP module's layer when drafting).
  for (long l = 0; l < m.layers; ++l) {
    s.kv_bytes_per_token += layer_kv_bytes_per_token(m, m.layer_attention(l), kvb(s));
    s.layers_of_kind[static_cast<int>(m.layer_attention(l))] += 1;
    if (m.layer_is_moe(l)) {
      s.moe_layers_of_kind[static_cast<int>(m.layer_attention(l))] += 1;
      s.moe_layers += 1;
    }
  }
  if (dep.mtp_draft_tokens > 0) {
    s.kv_bytes_per_token += layer_kv_bytes_per_token(m, m.layer_attention(m.layers - 1), kvb(s));
    s.mtp_layers_of_kind[static_cast<int>(m.layer_attention(m.layers - 1))] += double(dep.mtp_draft_tokens);
  }

  // Resident weights on a routed-expert die of the decode pool.
  const ParamCount pc = count_params(m);
  const PoolLayout& dp = dep.decode;
  const double local = m.is_moe() ? double(m.routed_experts + dp.redundant_experts) / double(dp.ep - dp.shared_expert_ranks) : 0;
  auto die_params = [&](const LayerParams& lp) {
    double p = lp.non_expert();
    if (dp.shared_expert_ranks > 0) p -= lp.shared_experts;
    return p + local * lp.expert_each * (lp.routed_experts > 0 ? 1 : 0);
  };
  double params = pc.embedding + pc.final_norm;
  for (const auto& lp : pc.layers) params += die_params(lp);
  if (dep.mtp_draft_tokens > 0) params += die_params(pc.mtp_layer) + pc.mtp_projection;
  s.decode_weight_bytes_per_die = params * wb(s) + pc.output_head * 2.0;

  const double context = dep.input_tokens.nominal + dep.output_tokens.nominal;
  const double per_die = double(dep.batch_limit_per_npu) / dies;
  const double need = s.decode_weight_bytes_per_die + per_die * context * s.kv_bytes_per_token;
  if (need > s.die.hbm_capacity_B.nominal)
    throw InputError(dep.batch_limit_at, "decode.batch_limit",
                     "batch limit " + std::to_string(dep.batch_limit_per_npu) + " per NPU needs " +
                         std::to_string(need / 1e9) + " GB per die (weights " +
                         std::to_string(s.decode_weight_bytes_per_die / 1e9) + " GB + KV cache of " +
                         std::to_string(per_die) + " requests x " + std::to_string(context) + " tokens), over the " +
                         std::to_string(s.die.hbm_capacity_B.nominal / 1e9) + " GB of HBM per die");
  return s;
}

DecodeStep decode_step_without_attention(const ServingModel& s, double requests_per_die) {
  const ModelShape& m = s.model;
  DecodeStep st;
  st.requests_per_die = requests_per_die;
  const double n = requests_per_die * double(1 + s.dep.mtp_draft_tokens);
  st.tokens_per_die = n;
  if (requests_per_die <= 0) return st;
  const PoolLayout& pool = s.dep.decode;
  // Kernels and EP traffic of the main model for `tokens` query tokens per die.
  struct Main {
    double dense = 0, moe = 0, linear = 0, experts = 0, dispatch = 0, combine = 0, messages = 0, touched = 0;
  };
  auto main_model = [&](double tokens) {
    Main r;
    const MicrobatchShape mb = decode_mb(s, tokens);
    for (long l = 0; l < m.layers; ++l) {
      const double lin = non_expert_time(s, layer_forward_work(m, l, mb));
      r.linear += lin;
      if (!m.layer_is_moe(l)) { r.dense += lin; continue; }
      const ExpertWork e = experts_time(s, pool, tokens);
      const EpTraffic t = ep_traffic(s, pool, s.decode_a2a, tokens);
      r.moe += lin + e.time_s;
      r.experts += e.time_s;
      r.dispatch += t.dispatch_s;
      r.combine += t.combine_s;
      r.messages = t.messages;
      r.touched = e.touched;
    }
    const double ends = non_expert_time(s, embedding_forward_work(m, mb)) + non_expert_time(s, head_forward_work(m, mb));
    r.dense += ends;
    r.linear += ends;
    return r;
  };
  const Main full = main_model(n), half = main_model(n / 2.0);
  st.linear_s = full.linear;
  st.experts_s = full.experts;
  st.dispatch_s = full.dispatch;
  st.combine_s = full.combine;
  st.messages_per_layer = full.messages;
  st.experts_touched = full.touched;
  st.dense_kernels_s = full.dense;
  st.moe_kernels_s = full.moe;
  st.moe_comm_s = full.dispatch + full.combine;
  st.half_dense_kernels_s = half.dense;
  st.half_moe_kernels_s = half.moe;
  st.half_moe_comm_s = half.dispatch + half.combine;
  // Drafting: the MTP module runs once per draft token on one token per request, after the main model.
  for (long j = 0; j < s.dep.mtp_draft_tokens; ++j) {
    const MicrobatchShape mr = decode_mb(s, requests_per_die);
    const double lin = non_expert_time(s, mtp_forward_work(m, 0, mr));
    double ex = 0, comm = 0;
    if (m.is_moe()) {
      ex = experts_time(s, pool, requests_per_die).time_s;
      const EpTraffic t = ep_traffic(s, pool, s.decode_a2a, requests_per_die);
      st.dispatch_s += t.dispatch_s;
      st.combine_s += t.combine_s;
      comm = t.dispatch_s + t.combine_s;
    }
    st.linear_s += lin;
    st.experts_s += ex;
    st.mtp_kernels_s += lin + ex;
    st.mtp_comm_s += comm;
  }
  st.mtp_s = st.mtp_kernels_s + st.mtp_comm_s;
  return with_attention(s, st, -1);
}

namespace {
// Attention core of the given layer counts for `queries` query tokens of `requests` requests.
double attention_of(const ServingModel& s, const double (&layers)[4], double queries, double requests, double L) {
  double t = 0;
  for (int k = 0; k < 4; ++k)
    if (layers[k] > 0) t += layers[k] * op_time(s, attention_op(s, static_cast<LayerAttention>(k), queries, requests, L));
  return t;
}
}  // namespace

double decode_attention_s(const ServingModel& s, double requests_per_die, double L) {
  if (requests_per_die <= 0) return 0;
  const double n = requests_per_die * double(1 + s.dep.mtp_draft_tokens);
  return attention_of(s, s.layers_of_kind, n, requests_per_die, L) +
         attention_of(s, s.mtp_layers_of_kind, requests_per_die, requests_per_die, L);
}

DecodeStep with_attention(const ServingModel& s, DecodeStep st, double L) {
  const double r = st.requests_per_die, n = st.tokens_per_die, f = s.eff.step;
  double dense_att = 0;
  st.attention_s = st.moe_attention_s = st.mtp_attention_s = 0;
  if (L >= 0 && r > 0) {
    const double all = attention_of(s, s.layers_of_kind, n, r, L);
    st.moe_attention_s = attention_of(s, s.moe_layers_of_kind, n, r, L);
    dense_att = all - st.moe_attention_s;
    st.mtp_attention_s = attention_of(s, s.mtp_layers_of_kind, r, r, L);
    st.attention_s = all + st.mtp_attention_s;
  }
  const double mtp = (st.mtp_kernels_s + st.mtp_attention_s) / f + st.mtp_comm_s;
  st.serial_s = (st.dense_kernels_s + st.moe_kernels_s + dense_att + st.moe_attention_s) / f + st.moe_comm_s + mtp;
  // Two microbatches of half the batch (attention is linear in the requests: each half does half).
  const double layers = std::max(1.0, s.moe_layers);
  const double c_layer = (st.half_moe_kernels_s + st.moe_attention_s / 2.0) / f / layers;
  const double m_layer = st.half_moe_comm_s / layers;
  st.pipelined_s = (2.0 * st.half_dense_kernels_s + dense_att) / f + layers * std::max(2.0 * c_layer, 2.0 * m_layer) +
                   std::min(c_layer, m_layer) + mtp;
  const bool pipe = s.moe_layers > 0 && st.moe_comm_s > 0 && st.pipelined_s < st.serial_s;
  st.microbatches = pipe ? 2 : 1;
  st.time_s = pipe ? st.pipelined_s : st.serial_s;
  return st;
}

DecodeStep decode_step(const ServingModel& s, double requests_per_die, double L) {
  return with_attention(s, decode_step_without_attention(s, requests_per_die), L);
}

double tpot_s(const ServingModel& s, const DecodeStep& step) { return step.time_s / s.tokens_per_step; }

PrefillBatch prefill_batch(const ServingModel& s, long sequences_per_die, long seq_len) {
  const ModelShape& m = s.model;
  const PoolLayout& pool = s.dep.prefill;
  struct Parts {
    double dense = 0, moe = 0, comm = 0;
  };
  auto run = [&](long sequences) {
    Parts p;
    MicrobatchShape mb;
    mb.seq_len = std::max(1L, seq_len);
    mb.sequences = std::max(1L, sequences);
    mb.precision = s.dep.weight_precision;
    mb.ep = m.is_moe() ? std::min<long>(pool.ep, m.routed_experts) : 1;
    const double n = double(mb.tokens());
    for (long l = 0; l < m.layers; ++l) {
      const LayerWork w = layer_forward_work(m, l, mb);
      double k = non_expert_time(s, w);
      for (const Op& op : w.ops)
        if (op.cls == OpClass::AttentionCore) k += op_time(s, op);
      if (!m.layer_is_moe(l)) { p.dense += k; continue; }
      const EpTraffic t = ep_traffic(s, pool, s.prefill_a2a, n);
      p.moe += k + experts_time(s, pool, n).time_s;
      p.comm += t.dispatch_s + t.combine_s;
    }
    MicrobatchShape last = mb;  // the output head runs on each sequence's last token only
    last.seq_len = 1;
    p.dense += non_expert_time(s, embedding_forward_work(m, mb)) + non_expert_time(s, head_forward_work(m, last));
    return p;
  };
  const double f = s.eff.step;
  PrefillBatch b;
  const Parts full = run(sequences_per_die);
  b.compute_s = full.dense + full.moe;
  b.comm_s = full.comm;
  b.serial_s = b.compute_s / f + b.comm_s;
  b.time_s = b.serial_s;
  b.pipelined_s = b.serial_s;
  // Two microbatches of half the sequences: one's dispatch/combine under the other's kernels
  // (CloudMatrix-Infer and DeepSeek's prefill both overlap two microbatches).
  if (sequences_per_die >= 2 && s.moe_layers > 0 && full.comm > 0) {
    const long h1 = sequences_per_die / 2, h2 = sequences_per_die - h1;
    const Parts a = run(h1), c = run(h2);
    const double layers = s.moe_layers;
    const double ka = a.moe / f / layers, kc = c.moe / f / layers, ma = a.comm / layers, mc = c.comm / layers;
    b.pipelined_s = (a.dense + c.dense) / f + layers * std::max(ka + kc, ma + mc) + std::min(ka, ma);
    if (b.pipelined_s < b.serial_s) {
      b.time_s = b.pipelined_s;
      b.microbatches = 2;
    }
  }
  return b;
}

double prefill_tokens_per_s_per_npu(const ServingModel& s, long seq_len) {
  const double per_die = double(s.dep.prefill_batch_tokens) / std::max(1, s.chip.dies);
  const long seqs = std::max(1L, static_cast<long>(std::floor(per_die / double(std::max(1L, seq_len)))));
  const PrefillBatch b = prefill_batch(s, seqs, seq_len);
  return b.time_s > 0 ? double(seqs * seq_len * std::max(1, s.chip.dies)) / b.time_s : 0;
}

double kv_transfer_s(const ServingModel& s, double input_tokens) {
  return input_tokens * s.kv_bytes_per_token / (s.chip.scaleup_bandwidth_Bps.nominal * s.eff.network);
}

}  // namespace ascendsim
