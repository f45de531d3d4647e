#include "sim/workload/collective_op.hpp"

#include <algorithm>
#include <cctype>

namespace ascendsim {

namespace {
struct OpName {
  CollectiveOp op;
  const char* name;
};
constexpr OpName kOps[] = {{CollectiveOp::AllReduce, "allreduce"},
                           {CollectiveOp::AllGather, "allgather"},
                           {CollectiveOp::ReduceScatter, "reducescatter"},
                           {CollectiveOp::AllToAll, "alltoall"},
                           {CollectiveOp::SendRecv, "sendrecv"}};
}  // namespace

const char* collective_op_name(CollectiveOp op) {
  for (const auto& o : kOps)
    if (o.op == op) return o.name;
  return "?";
}

std::optional<CollectiveOp> parse_collective_op(const std::string& s) {
  std::string l = s;
  std::transform(l.begin(), l.end(), l.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const auto& o : kOps)
    if (l == o.name) return o.op;
  return std::nullopt;
}

std::vector<std::string> collective_op_names() {
  std::vector<std::string> v;
  for (const auto& o : kOps) v.emplace_back(o.name);
  return v;
}

}  // namespace ascendsim
