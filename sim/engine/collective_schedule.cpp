// Per-rank step programs of the collective algorithms (see collective_schedule.hpp). Message sizes
// per step follow Thakur, Rabenseifner & Gropp (2005) and NCCL's ring; closed-form times of each are
// derived in tests/integration/test_collectives.cpp.
#include "sim/engine/collective_schedule.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace ascendsim {

namespace {

struct AlgName { CollectiveAlgorithm alg; const char* name; };
constexpr AlgName kAlgs[] = {{CollectiveAlgorithm::Auto, "auto"}, {CollectiveAlgorithm::Ring, "ring"},
                             {CollectiveAlgorithm::HalvingDoubling, "halving_doubling"},
                             {CollectiveAlgorithm::Hierarchical, "hierarchical"},
                             {CollectiveAlgorithm::Pairwise, "pairwise"}, {CollectiveAlgorithm::Direct, "direct"},
                             {CollectiveAlgorithm::Chain, "chain"}};

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
bool is_power_of_two(int n) { return n > 0 && (n & (n - 1)) == 0; }
int floor_log2(int n) { int m = 0; while ((2 << m) <= n) ++m; return m; }
int mod(int a, int n) { return ((a % n) + n) % n; }

// Ring all-reduce (2(n-1) steps), all-gather or reduce-scatter (n-1 steps): every step moves S/n
// from each rank to its successor; reduce-scatter steps reduce what they receive.
class RingProgram : public RankProgram {
 public:
  RingProgram(CollectiveOp op, int n, double bytes) : op_(op), n_(n), chunk_(bytes / n) {}
  int ranks() const override { return n_; }
  int steps(int) const override {
    if (n_ < 2) return 0;
    return op_ == CollectiveOp::AllReduce ? 2 * (n_ - 1) : n_ - 1;
  }
  void step(int r, int k, RankStep& out) const override {
    out.clear();
    out.sends.push_back({mod(r + 1, n_), chunk_});
    out.recvs.push_back({mod(r - 1, n_), chunk_});
    const bool reducing = op_ == CollectiveOp::ReduceScatter || (op_ == CollectiveOp::AllReduce && k < n_ - 1);
    if (reducing) out.reduce_bytes = chunk_;
  }
 private:
  CollectiveOp op_;
  int n_;
  double chunk_;
};

// Recursive halving (reduce-scatter part) and doubling (all-gather part) on p' = 2^m virtual ranks.
// For all-reduce on n that is not a power of two, MPICH's fold: the first 2*rem ranks pair up, even
// ranks hand their whole buffer to the odd neighbour before and get the result back after.
class HalvingDoublingProgram : public RankProgram {
 public:
  HalvingDoublingProgram(CollectiveOp op, int n, double bytes) : op_(op), n_(n), bytes_(bytes) {
    m_ = floor_log2(n);
    p_ = 1 << m_;
    rem_ = n - p_;
  }
  int ranks() const override { return n_; }
  int steps(int r) const override {
    if (n_ < 2) return 0;
    const int core = (op_ == CollectiveOp::AllReduce) ? 2 * m_ : m_;
    if (r < 2 * rem_) return (r % 2 == 0) ? 2 : core + 2;
    return core;
  }
  void step(int r, int k, RankStep& out) const override {
    out.clear();
    if (r < 2 * rem_) {
      if (r % 2 == 0) {  // folded rank: give the buffer away, wait for the result
        if (k == 0) out.sends.push_back({r + 1, bytes_});
        else out.recvs.push_back({r + 1, bytes_});
        return;
      }
      if (k == 0) { out.recvs.push_back({r - 1, bytes_}); out.reduce_bytes = bytes_; return; }
      if (k == steps(r) - 1) { out.sends.push_back({r - 1, bytes_}); return; }
      core_step(r / 2, k - 1, out);
      return;
    }
    core_step(r - rem_, k, out);
  }
 private:
  int real_rank(int v) const { return v < rem_ ? 2 * v + 1 : v + rem_; }
  void core_step(int v, int k, RankStep& out) const {
    int partner;
    double b;
    bool reduce;
    const bool halving = op_ == CollectiveOp::ReduceScatter || (op_ == CollectiveOp::AllReduce && k < m_);
    if (halving) {  // step k halves the segment: exchange S / 2^(k+1)
      partner = v ^ (p_ >> (k + 1));
      b = bytes_ / static_cast<double>(2 << k);
      reduce = true;
    } else {        // doubling step i: exchange S / 2^(m-i)
      const int i = op_ == CollectiveOp::AllReduce ? k - m_ : k;
      partner = v ^ (1 << i);
      b = bytes_ / static_cast<double>(1 << (m_ - i));
      reduce = false;
    }
    const int peer = real_rank(partner);
    out.sends.push_back({peer, b});
    out.recvs.push_back({peer, b});
    if (reduce) out.reduce_bytes = b;
  }
  CollectiveOp op_;
  int n_, m_, p_, rem_;
  double bytes_;
};

// Hierarchical all-reduce on m nodes of g ranks (rank = node*g + local): intra-node ring
// reduce-scatter (g-1 steps of S/g), inter-node ring all-reduce among ranks of equal local index on
// their S/g shard (2(m-1) steps of S/(g m)), intra-node ring all-gather (g-1 steps of S/g).
class HierarchicalProgram : public RankProgram {
 public:
  HierarchicalProgram(int n, double bytes, int g) : n_(n), g_(g), m_(n / g), bytes_(bytes) {}
  int ranks() const override { return n_; }
  int steps(int) const override { return 2 * (g_ - 1) + 2 * (m_ - 1); }
  void step(int r, int k, RankStep& out) const override {
    out.clear();
    const int node = r / g_, local = r % g_;
    const double intra = bytes_ / g_;
    if (k < g_ - 1 || k >= g_ - 1 + 2 * (m_ - 1)) {
      out.sends.push_back({node * g_ + mod(local + 1, g_), intra});
      out.recvs.push_back({node * g_ + mod(local - 1, g_), intra});
      if (k < g_ - 1) out.reduce_bytes = intra;
      return;
    }
    const int j = k - (g_ - 1);
    const double inter = bytes_ / (static_cast<double>(g_) * m_);
    out.sends.push_back({mod(node + 1, m_) * g_ + local, inter});
    out.recvs.push_back({mod(node - 1, m_) * g_ + local, inter});
    if (j < m_ - 1) out.reduce_bytes = inter;
  }
 private:
  int n_, g_, m_;
  double bytes_;
};

// All-to-all: each rank sends S/n to every other rank. Pairwise: step k = 1..n-1 sends to r+k and
// receives from r-k (one peer at a time, as MPICH's long-message algorithm). Direct: all at once.
class AllToAllProgram : public RankProgram {
 public:
  AllToAllProgram(int n, double bytes, bool direct) : n_(n), chunk_(bytes / n), direct_(direct) {}
  int ranks() const override { return n_; }
  int steps(int) const override { return n_ < 2 ? 0 : (direct_ ? 1 : n_ - 1); }
  void step(int r, int k, RankStep& out) const override {
    out.clear();
    if (direct_) {
      for (int d = 1; d < n_; ++d) {
        out.sends.push_back({mod(r + d, n_), chunk_});
        out.recvs.push_back({mod(r - d, n_), chunk_});
      }
      return;
    }
    out.sends.push_back({mod(r + k + 1, n_), chunk_});
    out.recvs.push_back({mod(r - k - 1, n_), chunk_});
  }
 private:
  int n_;
  double chunk_;
  bool direct_;
};

// Pipeline hops: rank i sends S to rank i+1, all hops at once (one stage boundary per pair).
class ChainProgram : public RankProgram {
 public:
  ChainProgram(int n, double bytes) : n_(n), bytes_(bytes) {}
  int ranks() const override { return n_; }
  int steps(int) const override { return n_ < 2 ? 0 : 1; }
  void step(int r, int, RankStep& out) const override {
    out.clear();
    if (r + 1 < n_) out.sends.push_back({r + 1, bytes_});
    if (r > 0) out.recvs.push_back({r - 1, bytes_});
  }
 private:
  int n_;
  double bytes_;
};

}  // namespace

const char* collective_algorithm_name(CollectiveAlgorithm a) {
  for (const auto& x : kAlgs) if (x.alg == a) return x.name;
  return "?";
}
std::optional<CollectiveAlgorithm> parse_collective_algorithm(const std::string& s) {
  const std::string l = lower(s);
  for (const auto& x : kAlgs) if (l == x.name) return x.alg;
  return std::nullopt;
}
std::vector<std::string> collective_algorithm_names() {
  std::vector<std::string> v;
  for (const auto& x : kAlgs) v.emplace_back(x.name);
  return v;
}

std::optional<CollectiveAlgorithm> resolve_algorithm(CollectiveOp op, CollectiveAlgorithm a, int n,
                                                     int ranks_per_node, std::string* why) {
  auto fail = [&](const std::string& msg) -> std::optional<CollectiveAlgorithm> {
    if (why) *why = msg;
    return std::nullopt;
  };
  const std::string pair = std::string(collective_algorithm_name(a)) + " " + collective_op_name(op);
  switch (op) {
    case CollectiveOp::AllReduce:
      if (a == CollectiveAlgorithm::Auto) return CollectiveAlgorithm::Ring;
      if (a == CollectiveAlgorithm::Ring || a == CollectiveAlgorithm::HalvingDoubling) return a;
      if (a == CollectiveAlgorithm::Hierarchical) {
        if (ranks_per_node < 1 || n % ranks_per_node != 0)
          return fail("hierarchical allreduce needs the same number of chips on every node; found " +
                      std::to_string(n) + " chips and " + std::to_string(ranks_per_node) + " on the first node");
        return a;
      }
      break;
    case CollectiveOp::AllGather:
    case CollectiveOp::ReduceScatter:
      if (a == CollectiveAlgorithm::Auto) return CollectiveAlgorithm::Ring;
      if (a == CollectiveAlgorithm::Ring) return a;
      if (a == CollectiveAlgorithm::HalvingDoubling) {
        if (!is_power_of_two(n))
          return fail(pair + " needs a power-of-two chip count, found " + std::to_string(n));
        return a;
      }
      break;
    case CollectiveOp::AllToAll:
      if (a == CollectiveAlgorithm::Auto) return CollectiveAlgorithm::Pairwise;
      if (a == CollectiveAlgorithm::Pairwise || a == CollectiveAlgorithm::Direct) return a;
      break;
    case CollectiveOp::SendRecv:
      if (a == CollectiveAlgorithm::Auto || a == CollectiveAlgorithm::Chain) return CollectiveAlgorithm::Chain;
      break;
  }
  return fail("algorithm " + pair + " is not available (allreduce: ring, halving_doubling, hierarchical; "
              "allgather/reducescatter: ring, halving_doubling; alltoall: pairwise, direct; sendrecv: chain)");
}

double bus_bandwidth_factor(CollectiveOp op, int n) {
  if (n < 2) return 0.0;
  const double f = static_cast<double>(n - 1) / n;
  switch (op) {
    case CollectiveOp::AllReduce: return 2 * f;
    case CollectiveOp::AllGather:
    case CollectiveOp::ReduceScatter:
    case CollectiveOp::AllToAll: return f;
    case CollectiveOp::SendRecv: return 1.0;
  }
  return f;
}

std::unique_ptr<RankProgram> make_rank_program(CollectiveOp op, CollectiveAlgorithm a, int n, double bytes,
                                               int ranks_per_node) {
  if (n < 1) throw std::invalid_argument("collective needs at least one rank");
  switch (a) {
    case CollectiveAlgorithm::Ring: return std::make_unique<RingProgram>(op, n, bytes);
    case CollectiveAlgorithm::HalvingDoubling: return std::make_unique<HalvingDoublingProgram>(op, n, bytes);
    case CollectiveAlgorithm::Hierarchical:
      if (ranks_per_node < 1 || n % ranks_per_node != 0)
        throw std::invalid_argument("hierarchical: ranks_per_node must divide the rank count");
      return std::make_unique<HierarchicalProgram>(n, bytes, ranks_per_node);
    case CollectiveAlgorithm::Pairwise: return std::make_unique<AllToAllProgram>(n, bytes, false);
    case CollectiveAlgorithm::Direct: return std::make_unique<AllToAllProgram>(n, bytes, true);
    case CollectiveAlgorithm::Chain: return std::make_unique<ChainProgram>(n, bytes);
    case CollectiveAlgorithm::Auto: break;
  }
  throw std::invalid_argument("make_rank_program: resolve the algorithm first");
}

}  // namespace ascendsim
