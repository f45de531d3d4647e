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

std::vector<CommVolume> comm_volumes(const TrainingPlan& p);
std::vector<CommVolume> stage_comm_volumes(const TrainingPlan& p, long stage);

}  // namespace ascendsim
