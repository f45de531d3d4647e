// Collective algorithms as per-rank step programs (pure code, no SimGrid): each rank runs a sequence
// of steps; in a step it posts some sends and receives to/from other ranks, waits for all of them,
// then optionally spends reduction compute time. The algorithms are the ones MPI/NCCL/HCCL use
// (ring, recursive halving-doubling, hierarchical, pairwise and direct all-to-all); their message
// sizes follow Thakur, Rabenseifner & Gropp, "Optimization of Collective Communication Operations
// in MPICH" (IJHPCA 2005). Steps are generated on demand, so a 384-rank ring never stores 294 k steps.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/workload/collective_op.hpp"

namespace ascendsim {

enum class CollectiveAlgorithm {
  Auto,               // ring for all-reduce/all-gather/reduce-scatter, pairwise for all-to-all
  Ring,               // all-reduce, all-gather, reduce-scatter
  HalvingDoubling,    // all-reduce (Rabenseifner), reduce-scatter (halving), all-gather (doubling)
  Hierarchical,       // all-reduce: intra-node ring RS, inter-node ring AR, intra-node ring AG
  Pairwise,           // all-to-all: n-1 steps, one send and one receive per step
  Direct,             // all-to-all: every send and receive posted at once (NCCL's style)
  Chain,              // send/recv: rank i sends to rank i+1 (one pipeline hop per pair, concurrent)
};

const char* collective_algorithm_name(CollectiveAlgorithm a); // "ring", "halving_doubling", ...
std::optional<CollectiveAlgorithm> parse_collective_algorithm(const std::string& s);
std::vector<std::string> collective_algorithm_names();

// Algorithm actually used for `requested` (Auto resolved), or an explanation in `why` when the
// pair is not supported (e.g. halving-doubling all-gather on a rank count that is not a power of 2).
std::optional<CollectiveAlgorithm> resolve_algorithm(CollectiveOp op, CollectiveAlgorithm requested, int ranks,
                                                     int ranks_per_node, std::string* why);

// NCCL's bus-bandwidth factor (nccl-tests doc/PERFORMANCE.md): busbw = algbw x factor, where
// algbw = bytes / time. all-reduce 2(n-1)/n; all-gather, reduce-scatter, all-to-all (n-1)/n; send/recv 1.
double bus_bandwidth_factor(CollectiveOp op, int ranks);

struct Transfer {
  int peer;      // rank index (0..n-1) of the other end
  double bytes;  // simulated payload
};

struct RankStep {
  std::vector<Transfer> sends;
  std::vector<Transfer> recvs;
  double reduce_bytes = 0;  // bytes reduced after the step's receives (for the optional compute time)
  void clear() { sends.clear(); recvs.clear(); reduce_bytes = 0; }
};

// A collective as a program per rank. `bytes` follows nccl-tests: all-reduce the buffer size,
// all-gather the output (gathered) size, reduce-scatter the input size, all-to-all the total each rank
// sends including its own share (so S/n to each peer), send/recv the message size.
class RankProgram {
 public:
  virtual ~RankProgram() = default;
  virtual int ranks() const = 0;
  virtual int steps(int rank) const = 0;
  virtual void step(int rank, int k, RankStep& out) const = 0;
};

// `ranks_per_node` (hierarchical only): ranks 0..g-1 form node 0, g..2g-1 node 1, and so on.
std::unique_ptr<RankProgram> make_rank_program(CollectiveOp op, CollectiveAlgorithm resolved, int ranks,
                                               double bytes, int ranks_per_node = 1);

}  // namespace ascendsim
