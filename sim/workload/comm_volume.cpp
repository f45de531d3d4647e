// Volumes follow Megatron-LM (sequence parallel: 2 all-gathers + 2 reduce-scatters of n·h per layer
// forward, same backward; without it 2 all-reduces) and DeepSeek-V3 (dispatch in FP8, combine BF16).
#include "sim/workload/comm_volume.hpp"

#include <algorithm>

#include "sim/workload/expert_balance.hpp"
#include "sim/workload/param_count.hpp"
#include "sim/workload/pipeline_layout.hpp"

namespace ascendsim {

const char* comm_kind_name(CommKind k) {
  switch (k) {
    case CommKind::TP: return "TP";
    case CommKind::EP: return "EP";
    case CommKind::PP: return "PP";
    case CommKind::DP: return "DP";
  }
  return "?";
}
const char* comm_phase_name(CommPhase p) {
  switch (p) {
    case CommPhase::Forward: return "forward";
    case CommPhase::Backward: return "backward";
    case CommPhase::Step: return "step";
  }
  return "?";
}

double expected_distinct_bins(long items, long bins, long k) {
  if (items <= 0 || bins <= 0 || k <= 0) return 0;
  // C(items − per_bin, k) / C(items, k) = prod_{i<k} (items − per_bin − i) / (items − i): one bin missed.
  const double per_bin = double(items) / double(bins);
  double missed = 1;
  for (long i = 0; i < k && missed > 0; ++i) missed *= std::max(0.0, double(items) - per_bin - double(i)) / double(items - i);
  return double(bins) * (1 - missed);
}

// Group-limited routing picks max_groups_per_token = M groups, then the top-k experts inside them.
// Groups of whole nodes (G divides n_group): the M groups sit on expected_distinct_bins(n_group, G, M)
// nodes, every selected group receiving one of the token's experts (assumption: a group is selected
// by the sum of its strongest affinities, V3 s2.1.2, so it holds some of the token's top-k), at most k.
// Groups spanning G/n_group nodes each: k experts uniform over the M groups' M·G/n_group nodes.
// Groups not aligned with nodes: the unrestricted count. Never more than the unrestricted count.
EpNodeSplit ep_node_split(const ModelShape& m, long ep, long ranks_per_node) {
  EpNodeSplit s;
  if (!m.is_moe() || ep <= 1) return s;
  s.ranks_per_node = std::max(1L, std::min(ep, ranks_per_node));
  if (!m.group_limited_routing() || ep <= ranks_per_node || ep % ranks_per_node != 0) {
    s.ranks_per_node = ep;
    return s;
  }
  const long G = ep / ranks_per_node, E = m.routed_experts, k = m.top_k;
  const long groups = m.expert_groups, M = m.max_groups_per_token;
  s.hierarchical = true;
  s.nodes = G;
  s.unrestricted_nodes = expected_distinct_bins(E, G, k);
  double limited = s.unrestricted_nodes;
  if (groups % G == 0) limited = std::min(double(k), expected_distinct_bins(groups, G, M));
  else if (G % groups == 0) limited = expected_distinct_bins(M * (E / groups), M * (G / groups), k);
  s.distinct_nodes = std::min(limited, s.unrestricted_nodes);
  s.scale_out_copies = s.distinct_nodes * (1 - 1 / double(G));
  s.scale_up_copies = double(k) * (1 - 1 / double(s.ranks_per_node));
  return s;
}

// A rank's tokens = bytes / k; each other node is one of the D targets with probability D/G.
double EpNodeSplit::scale_out_bytes_per_node(double alltoall_bytes, long top_k) const {
  return alltoall_bytes / double(std::max(1L, top_k)) * distinct_nodes / double(nodes);
}
// Every rank forwards (by symmetry) as many copies as its own tokens make: k(1 − 1/c) per token over
// c − 1 peers, i.e. k/c copies (bytes/c) to each.
double EpNodeSplit::scale_up_bytes_per_peer(double alltoall_bytes) const {
  return alltoall_bytes / double(ranks_per_node);
}

std::vector<CommVolume> stage_comm_volumes(const TrainingPlan& p, long stage) {
  std::vector<CommVolume> out;
  const ModelShape& m = p.model;
  const ParamCount pc = count_params(m);
  const MicrobatchShape mb = p.microbatch();
  const double n = double(mb.tokens()), h = double(m.hidden), ab = mb.activation_bytes;
  const double split = p.sequence_parallel ? double(p.tp) : 1.0;
  const auto chunks = chunks_of_stage(p, stage);
  long layers = 0, moe_layers = 0;
  double dense_params = 0, expert_params = 0;
  const double etp = p.ep > 1 ? 1.0 : double(p.tp);
  for (const auto& c : chunks) {
    for (long l = c.first_layer; l < c.first_layer + c.layers; ++l) {
      ++layers;
      if (m.layer_is_moe(l)) ++moe_layers;
    }
    if (c.head) {
      layers += pc.mtp_depth;
      if (m.is_moe()) moe_layers += pc.mtp_depth;
    }
  }
  // Gradients cover every weight the rank holds (under dualpipe: its stage and the mirrored one).
  for (long held : stages_held(p, stage)) {
    for (const auto& c : chunks_of_stage(p, held)) {
      for (long l = c.first_layer; l < c.first_layer + c.layers; ++l) {
        dense_params += pc.layers[size_t(l)].non_expert() / p.tp;
        expert_params += pc.layers[size_t(l)].routed_experts / p.ep / etp;
      }
      if (c.embedding) dense_params += pc.embedding / p.tp;
      if (c.head) {
        dense_params += (pc.output_head + pc.final_norm) / p.tp + pc.mtp_depth * (pc.mtp_layer.non_expert() + pc.mtp_projection) / p.tp;
        expert_params += pc.mtp_depth * pc.mtp_layer.routed_experts / p.ep / etp;
      }
    }
  }
  auto add = [&](CommKind k, CollectiveOp op, CommPhase ph, const std::string& what, long g, double bytes, double count) {
    if (count > 0 && bytes > 0 && g > 1) out.push_back(CommVolume{stage, k, op, ph, what, g, bytes, count});
  };
  // Tensor parallel: two sync points per layer (after attention, after the FFN), each direction.
  const double act = n * h * ab;
  for (CommPhase ph : {CommPhase::Forward, CommPhase::Backward}) {
    if (p.sequence_parallel) {
      add(CommKind::TP, CollectiveOp::AllGather, ph, "layer all-gather", p.tp, act, 2.0 * layers);
      add(CommKind::TP, CollectiveOp::ReduceScatter, ph, "layer reduce-scatter", p.tp, act, 2.0 * layers);
    } else {
      add(CommKind::TP, CollectiveOp::AllReduce, ph, "layer all-reduce", p.tp, act, 2.0 * layers);
    }
  }
  // Expert parallel: each rank sends its n/tp tokens (the MoE block's tokens are split over tp before
  // dispatch, as in layer_cost.cpp add_ffn) to top_k experts and gets them back. The busiest rank
  // receives `imbalance` × the mean and sets the pace of the all-to-all (expert_balance.hpp).
  if (m.is_moe() && p.ep > 1) {
    const double mean_pairs = n / double(p.tp) * m.top_k;
    const double pairs = mean_pairs * expert_load_imbalance(mean_pairs, p.ep, m.routed_experts / p.ep, mb.routing_skew);
    add(CommKind::EP, CollectiveOp::AllToAll, CommPhase::Forward, "moe dispatch", p.ep, pairs * h * p.dispatch_bytes, moe_layers);
    add(CommKind::EP, CollectiveOp::AllToAll, CommPhase::Forward, "moe combine", p.ep, pairs * h * ab, moe_layers);
    add(CommKind::EP, CollectiveOp::AllToAll, CommPhase::Backward, "moe combine gradient", p.ep, pairs * h * ab, moe_layers);
    add(CommKind::EP, CollectiveOp::AllToAll, CommPhase::Backward, "moe dispatch gradient", p.ep, pairs * h * ab, moe_layers);
  }
  // Pipeline: every chunk boundary sends the residual streams forward and their gradient backward.
  if (p.pp > 1) {
    const double msg = n * h * double(m.residual_streams) * ab / split;
    double sends = 0, recvs = 0;
    for (const auto& c : chunks) {
      if (!c.head) sends += 1;
      if (!c.embedding) recvs += 1;
    }
    add(CommKind::PP, CollectiveOp::SendRecv, CommPhase::Forward, "activation send", 2, msg, sends);
    add(CommKind::PP, CollectiveOp::SendRecv, CommPhase::Backward, "gradient send", 2, msg, recvs);
  }
  // Data parallel, per step (ZeRO-3 per microbatch): dense weights over dp, experts over dp·tp/ep.
  const long edp = p.expert_data_parallel();
  const double gb = p.gradient_reduce_bytes, wb = p.weight_bytes;
  for (int part = 0; part < 2; ++part) {
    const double params = part == 0 ? dense_params : expert_params;
    const long g = part == 0 ? p.dp : edp;
    const std::string who = part == 0 ? "dense" : "expert";
    if (p.zero_stage == 0) {
      add(CommKind::DP, CollectiveOp::AllReduce, CommPhase::Step, who + " gradient all-reduce", g, params * gb, 1);
    } else if (p.zero_stage <= 2) {
      add(CommKind::DP, CollectiveOp::ReduceScatter, CommPhase::Step, who + " gradient reduce-scatter", g, params * gb, 1);
      add(CommKind::DP, CollectiveOp::AllGather, CommPhase::Step, who + " weight all-gather", g, params * wb, 1);
    } else {
      add(CommKind::DP, CollectiveOp::AllGather, CommPhase::Forward, who + " weight all-gather", g, params * wb, 1);
      add(CommKind::DP, CollectiveOp::AllGather, CommPhase::Backward, who + " weight all-gather", g, params * wb, 1);
      add(CommKind::DP, CollectiveOp::ReduceScatter, CommPhase::Backward, who + " gradient reduce-scatter", g, params * gb, 1);
    }
  }
  return out;
}

std::vector<CommVolume> comm_volumes(const TrainingPlan& p) {
  std::vector<CommVolume> out;
  for (long s = 0; s < p.pp; ++s) {
    auto v = stage_comm_volumes(p, s);
    out.insert(out.end(), v.begin(), v.end());
  }
  return out;
}

}  // namespace ascendsim
