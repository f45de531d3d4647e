// Communication volumes a plan generates, per stage: what collective, over how many chips, how many
// bytes, how often. Pure numbers for the step executor, which turns them into simulated time:
// TP all-gather/reduce-scatter (or all-reduce) per layer, EP dispatch/combine all-to-all per MoE
// layer, PP activation send per chunk boundary, DP gradient reduction per step by ZeRO stage.
#pragma once
#include <string>
#include <vector>

#include "sim/workload/collective_op.hpp"
#include "sim/workload/training_plan.hpp"

namespace ascendsim {

enum class CommKind { TP, EP, PP, DP };
enum class CommPhase { Forward, Backward, Step };  // per microbatch forward / backward, or once per step
const char* comm_kind_name(CommKind k);        // "TP", "EP", "PP", "DP"
const char* comm_phase_name(CommPhase p);

struct CommVolume {
  long stage = 0;
  CommKind kind = CommKind::TP;
  CollectiveOp op = CollectiveOp::AllReduce;
  CommPhase phase = CommPhase::Forward;
  std::string what;     // "attention all-gather", "moe dispatch", ...
  long group_size = 1;  // chips in the collective
  // AllReduce/AllGather/ReduceScatter: the full (unsharded) buffer size. AllToAll: bytes each rank
  // sends in total, its own share included (the remote part is (g-1)/g of it). SendRecv: message size.
  double bytes = 0;
  double count = 0;     // times per microbatch (Forward/Backward) or per step (Step) on this stage
};

// Expected number of distinct bins hit when k of `items` items (split evenly into `bins` bins)
// are drawn uniformly without replacement: bins × (1 − C(items − items/bins, k) / C(items, k)).
double expected_distinct_bins(long items, long bins, long k);

// How one token's expert copies cross an expert-parallel group that spans several scale-up domains
// ("nodes"), for the dispatch and combine of DeepSeek-V3 s3.2.2 under group-limited routing: each
// token goes once over the scale-out network to every other node holding one of its experts, and is
// forwarded over the scale-up links to the ranks hosting them (combine: the reverse). The EP group is
// `ep` consecutive ranks, `ranks_per_node` per node; experts are spread evenly over the ranks.
struct EpNodeSplit {
  bool hierarchical = false;      // true: model routing is group-limited and the group spans > 1 node
  long nodes = 1;                 // G: nodes the EP group spans
  long ranks_per_node = 1;        // c: EP ranks per node
  double distinct_nodes = 0;      // D: expected nodes a token's top-k experts land on (limited routing)
  double unrestricted_nodes = 0;  // the same without the limit: expected_distinct_bins(E, G, k)
  double scale_out_copies = 0;    // per token: copies leaving the token's node, D·(1 − 1/G)
  double scale_up_copies = 0;     // per token: copies forwarded inside nodes, k·(1 − 1/c)
  // Per-rank all-to-all bytes (CommVolume::bytes = k copies per token) to per-peer flow sizes: to the
  // same-index rank of every other node, and to every other rank of the rank's own node.
  double scale_out_bytes_per_node(double alltoall_bytes, long top_k) const;
  double scale_up_bytes_per_peer(double alltoall_bytes) const;
};
// Not hierarchical (flat all-to-all, every copy sent directly) when the model has no group limit,
// the group fits in one node, or the group does not split into whole nodes.
EpNodeSplit ep_node_split(const ModelShape& m, long ep, long ranks_per_node);

std::vector<CommVolume> comm_volumes(const TrainingPlan& p);
std::vector<CommVolume> stage_comm_volumes(const TrainingPlan& p, long stage);

}  // namespace ascendsim
