// Pure checks of the collective step programs: every message a rank sends is received by its peer
// in the same order and size (what FIFO per-pair mailboxes need), and each algorithm moves the
// bytes its textbook analysis says (Thakur, Rabenseifner & Gropp 2005).
#include <catch2/catch.hpp>

#include <map>
#include <vector>

#include "sim/engine/collective_schedule.hpp"

using namespace ascendsim;

namespace {

struct Totals {
  bool matched = true;
  std::vector<double> sent;  // per rank
  int max_steps = 0;
};

Totals walk(const RankProgram& p) {
  std::map<std::pair<int, int>, std::vector<double>> sends, recvs;
  Totals t;
  t.sent.assign(p.ranks(), 0.0);
  RankStep st;
  for (int r = 0; r < p.ranks(); ++r) {
    t.max_steps = std::max(t.max_steps, p.steps(r));
    for (int k = 0; k < p.steps(r); ++k) {
      p.step(r, k, st);
      for (const auto& s : st.sends) { sends[{r, s.peer}].push_back(s.bytes); t.sent[r] += s.bytes; }
      for (const auto& v : st.recvs) recvs[{v.peer, r}].push_back(v.bytes);
    }
  }
  t.matched = sends == recvs;
  return t;
}

}  // namespace

TEST_CASE("ring all-reduce: 2(n-1) steps, each rank sends 2(n-1)/n of the buffer", "[collective][schedule]") {
  const double S = 1 << 20;
  for (int n : {2, 3, 7, 16}) {
    auto t = walk(*make_rank_program(CollectiveOp::AllReduce, CollectiveAlgorithm::Ring, n, S));
    CHECK(t.matched);
    CHECK(t.max_steps == 2 * (n - 1));
    for (double b : t.sent) CHECK(b == Approx(2.0 * (n - 1) / n * S));
  }
}

TEST_CASE("ring all-gather and reduce-scatter: n-1 steps of S/n", "[collective][schedule]") {
  for (auto op : {CollectiveOp::AllGather, CollectiveOp::ReduceScatter}) {
    auto t = walk(*make_rank_program(op, CollectiveAlgorithm::Ring, 6, 600.0));
    CHECK(t.matched);
    CHECK(t.max_steps == 5);
    for (double b : t.sent) CHECK(b == Approx(500.0));
  }
}

TEST_CASE("halving-doubling all-reduce: 2 log2 n steps - non-powers of two fold the extra ranks", "[collective][schedule]") {
  const double S = 1024;
  auto t16 = walk(*make_rank_program(CollectiveOp::AllReduce, CollectiveAlgorithm::HalvingDoubling, 16, S));
  CHECK(t16.matched);
  CHECK(t16.max_steps == 8);
  for (double b : t16.sent) CHECK(b == Approx(2.0 * 15 / 16 * S));
  // n = 12: p' = 8, rem = 4. Ranks 0,2,4,6 send S once (fold); ranks 1,3,5,7 do the 8-rank
  // algorithm (2*7/8 S) plus S back to their partner; ranks 8..11 only the 8-rank algorithm.
  auto t12 = walk(*make_rank_program(CollectiveOp::AllReduce, CollectiveAlgorithm::HalvingDoubling, 12, S));
  CHECK(t12.matched);
  CHECK(t12.max_steps == 2 * 3 + 2);
  CHECK(t12.sent[0] == Approx(S));
  CHECK(t12.sent[1] == Approx(S + 2.0 * 7 / 8 * S));
  CHECK(t12.sent[11] == Approx(2.0 * 7 / 8 * S));
}

TEST_CASE("hierarchical all-reduce moves 2(g-1)/g S inside and 2(m-1)/(g m) S across nodes", "[collective][schedule]") {
  const double S = 4800;
  auto t = walk(*make_rank_program(CollectiveOp::AllReduce, CollectiveAlgorithm::Hierarchical, 12, S, 4));
  CHECK(t.matched);
  CHECK(t.max_steps == 2 * 3 + 2 * 2);
  for (double b : t.sent) CHECK(b == Approx(2.0 * 3 / 4 * S + 2.0 * 2 / 12 * S));
}

TEST_CASE("all-to-all: pairwise n-1 steps, direct one step, each rank sends (n-1)/n S", "[collective][schedule]") {
  for (auto alg : {CollectiveAlgorithm::Pairwise, CollectiveAlgorithm::Direct}) {
    auto t = walk(*make_rank_program(CollectiveOp::AllToAll, alg, 8, 800.0));
    CHECK(t.matched);
    CHECK(t.max_steps == (alg == CollectiveAlgorithm::Direct ? 1 : 7));
    for (double b : t.sent) CHECK(b == Approx(700.0));
  }
}

TEST_CASE("algorithm resolution: auto choices and refusals with reasons", "[collective][schedule]") {
  std::string why;
  CHECK(resolve_algorithm(CollectiveOp::AllReduce, CollectiveAlgorithm::Auto, 8, 8, &why) == CollectiveAlgorithm::Ring);
  CHECK(resolve_algorithm(CollectiveOp::AllToAll, CollectiveAlgorithm::Auto, 8, 8, &why) == CollectiveAlgorithm::Pairwise);
  CHECK_FALSE(resolve_algorithm(CollectiveOp::AllGather, CollectiveAlgorithm::HalvingDoubling, 12, 4, &why));
  CHECK(why.find("power-of-two") != std::string::npos);
  CHECK_FALSE(resolve_algorithm(CollectiveOp::AllReduce, CollectiveAlgorithm::Hierarchical, 12, 0, &why));
  CHECK(why.find("same number of chips") != std::string::npos);
  CHECK_FALSE(resolve_algorithm(CollectiveOp::AllToAll, CollectiveAlgorithm::Ring, 8, 8, &why));
  CHECK(parse_collective_op("AllReduce") == CollectiveOp::AllReduce);
  CHECK_FALSE(parse_collective_algorithm("tree"));
  CHECK(bus_bandwidth_factor(CollectiveOp::AllReduce, 8) == Approx(1.75));
}
