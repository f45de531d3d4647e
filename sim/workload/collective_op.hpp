// The collective operations one name space shares: the workload's communication volumes name them
// and the engine simulates them. Pure; names are the nccl-tests ones ("allreduce", ...).
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace ascendsim {

enum class CollectiveOp { AllReduce, AllGather, ReduceScatter, AllToAll, SendRecv };

const char* collective_op_name(CollectiveOp op);  // "allreduce", "allgather", "reducescatter", "alltoall", "sendrecv"
std::optional<CollectiveOp> parse_collective_op(const std::string& s);  // case-insensitive
std::vector<std::string> collective_op_names();

}  // namespace ascendsim
