// Serving cost from the training cost model: layer_forward_work() gives each layer's projections,
// norms and FFN ops for the step's tokens (decode: one token per sequence), roofline() times them
// on one die; the attention core over the KV cache, the local experts and EP all-to-alls are added
// here because decode reads a cache (training does not) and EP layouts put experts on dies.
#include "sim/serving/serving_cost.hpp"

#include <algorithm>
#include <cmath>

#include "sim/workload/layer_cost.hpp"
#include "sim/workload/param_count.hpp"

namespace ascendsim {

namespace {

double kvb(const ServingModel& s) { return precision_bytes_x2(s.dep.kv_precision) / 2.0; }
double wb(const ServingModel& s) { return precision_bytes_x2(s.dep.weight_precision) / 2.0; }

double op_time(const ServingModel& s, const Op& op) {
  return roofline(op.flops, op.bytes, op.precision, op.cls, s.die, s.eff.roofline()).time_s;
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

// Time of one MoE layer's experts on the slowest die kind of a pool with EP degree `ep` when each
// rank holds `tokens` tokens: routed ranks hold (E + redundant) / (ep - shared ranks) experts and get
// an equal share of the E·k routed pairs (balanced routing); shared-expert ranks (if any) get every
// token once; without them the shared expert runs on every rank.
double experts_time(const ServingModel& s, const PoolLayout& pool, double tokens) {
  const ModelShape& m = s.model;
  const double h = m.hidden, f = m.expert_ffn, w = wb(s);
  const double routed_ranks = double(pool.ep - pool.shared_expert_ranks);
  const double local = double(m.routed_experts + pool.redundant_experts) / routed_ranks;
  const double T = tokens * pool.ep;
  auto ffn = [&](double pairs, double experts) {
    const Op up{"gate+up", OpClass::Linear, s.dep.weight_precision, 2.0 * pairs * h * 2.0 * f,
                pairs * (h + 2.0 * f) * 2.0 + experts * h * 2.0 * f * w, {}};
    const Op down{"down", OpClass::Linear, s.dep.weight_precision, 2.0 * pairs * f * h,
                  pairs * (f + h) * 2.0 + experts * f * h * w, {}};
    const Op act{"swiglu", OpClass::Elementwise, Precision::BF16, 0, pairs * 3.0 * f * 2.0, {}};
    return op_time(s, up) + op_time(s, down) + op_time(s, act);
  };
  double routed = ffn(T * m.top_k / routed_ranks, local);
  if (m.shared_experts == 0) return routed;
  if (pool.shared_expert_ranks == 0) return routed + ffn(tokens * m.shared_experts, m.shared_experts);
  const double shared = ffn(T * m.shared_experts / pool.shared_expert_ranks, m.shared_experts);
  return std::max(routed, shared);
}

double destinations(const ServingModel& s, const PoolLayout& pool) {
  return double(s.model.top_k) + (pool.shared_expert_ranks > 0 ? double(s.model.shared_experts) : 0.0);
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
  const MicrobatchShape mb = decode_mb(s, n);
  const PoolLayout& pool = s.dep.decode;
  auto moe = [&](double tokens, DecodeStep& acc) {
    acc.experts_s += experts_time(s, pool, tokens);
    if (pool.ep > 1) {
      acc.dispatch_s += s.decode_a2a.time_s(dispatch_bytes_per_rank(s, tokens)) / s.eff.dispatch;
      acc.combine_s += s.decode_a2a.time_s(combine_bytes_per_rank(s, tokens)) / s.eff.combine;
    }
  };
  for (long l = 0; l < m.layers; ++l) {
    st.linear_s += non_expert_time(s, layer_forward_work(m, l, mb));
    if (m.layer_is_moe(l)) moe(n, st);
  }
  st.linear_s += non_expert_time(s, embedding_forward_work(m, mb)) + non_expert_time(s, head_forward_work(m, mb));
  // Drafting: the MTP module runs once per draft token on one token per request.
  for (long j = 0; j < s.dep.mtp_draft_tokens; ++j) {
    DecodeStep d;
    const MicrobatchShape mr = decode_mb(s, requests_per_die);
    d.linear_s = non_expert_time(s, mtp_forward_work(m, 0, mr));
    if (m.is_moe()) moe(requests_per_die, d);
    st.mtp_s += d.linear_s + d.experts_s + d.dispatch_s + d.combine_s;
    st.linear_s += d.linear_s;
    st.experts_s += d.experts_s;
    st.dispatch_s += d.dispatch_s;
    st.combine_s += d.combine_s;
  }
  st.time_s = (st.linear_s + st.experts_s + st.dispatch_s + st.combine_s) / s.eff.step;
  return st;
}

double decode_attention_s(const ServingModel& s, double requests_per_die, double L) {
  if (requests_per_die <= 0) return 0;
  const double n = requests_per_die * double(1 + s.dep.mtp_draft_tokens);
  double t = 0;
  for (int k = 0; k < 4; ++k) {
    const auto kind = static_cast<LayerAttention>(k);
    if (s.layers_of_kind[k] > 0) t += s.layers_of_kind[k] * op_time(s, attention_op(s, kind, n, requests_per_die, L));
    if (s.mtp_layers_of_kind[k] > 0)
      t += s.mtp_layers_of_kind[k] * op_time(s, attention_op(s, kind, requests_per_die, requests_per_die, L));
  }
  return t;
}

DecodeStep decode_step(const ServingModel& s, double requests_per_die, double L) {
  DecodeStep st = decode_step_without_attention(s, requests_per_die);
  st.attention_s = decode_attention_s(s, requests_per_die, L);
  st.time_s = (st.linear_s + st.attention_s + st.experts_s + st.dispatch_s + st.combine_s) / s.eff.step;
  return st;
}

double tpot_s(const ServingModel& s, const DecodeStep& step) { return step.time_s / s.tokens_per_step; }

PrefillBatch prefill_batch(const ServingModel& s, long sequences_per_die, long seq_len) {
  const ModelShape& m = s.model;
  PrefillBatch b;
  MicrobatchShape mb;
  mb.seq_len = std::max(1L, seq_len);
  mb.sequences = std::max(1L, sequences_per_die);
  mb.precision = s.dep.weight_precision;
  const PoolLayout& pool = s.dep.prefill;
  mb.ep = m.is_moe() ? std::min<long>(pool.ep, m.routed_experts) : 1;
  const double n = double(mb.tokens());
  for (long l = 0; l < m.layers; ++l) {
    const LayerWork w = layer_forward_work(m, l, mb);
    b.compute_s += non_expert_time(s, w);
    for (const Op& op : w.ops)
      if (op.cls == OpClass::AttentionCore) b.compute_s += op_time(s, op);
    if (m.layer_is_moe(l)) {
      b.compute_s += experts_time(s, pool, n);
      if (pool.ep > 1)
        b.comm_s += s.prefill_a2a.time_s(n * destinations(s, pool) * m.hidden * (1.0 + 1.0 / 14.0)) / s.eff.dispatch +
                    s.prefill_a2a.time_s(n * destinations(s, pool) * m.hidden * 2.0) / s.eff.combine;
    }
  }
  MicrobatchShape last = mb;  // the output head runs on each sequence's last token only
  last.seq_len = 1;
  b.compute_s += non_expert_time(s, embedding_forward_work(m, mb)) + non_expert_time(s, head_forward_work(m, last));
  b.time_s = (b.compute_s + b.comm_s) / s.eff.step;
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
