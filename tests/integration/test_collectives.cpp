// Each collective algorithm simulated on SimGrid against its closed-form time. Platform
// tests/data/star16.xml: 16 chips, each with a private full-duplex link of B = 50 GB/s per direction
// and 1 us latency to one non-blocking switch, so any chip-to-chip message of m bytes alone takes
// alpha + m/B with alpha = 2 us (two links), and a chip can send and receive one message each at full
// B at the same time. Every algorithm below has, in each step, at most one message leaving and one
// entering each chip (except direct all-to-all), so step time = alpha + (message size)/B.
#include <catch2/catch.hpp>

#include <cmath>

#include "sim/engine/comm_simulation.hpp"

using namespace ascendsim;

namespace {

const std::string kStar = std::string(ASCENDSIM_SOURCE_DIR) + "/tests/data/star16.xml";
const std::string kTwoNodes = std::string(ASCENDSIM_SOURCE_DIR) + "/tests/data/two_nodes_16.xml";
constexpr double kAlpha = 2e-6;  // s
constexpr double kB = 50e9;      // B/s

std::vector<int> first(int n) {
  std::vector<int> c;
  for (int i = 0; i < n; ++i) c.push_back(i);
  return c;
}

CollectiveResult run(CollectiveOp op, CollectiveAlgorithm alg, int n, double S, const std::string& plat = kStar,
                     int ranks_per_node = 0, double reduce_Bps = 0) {
  CollectiveSpec s;
  s.op = op;
  s.algorithm = alg;
  s.chips = first(n);
  s.bytes = S;
  s.ranks_per_node = ranks_per_node;
  s.reduce_Bps = reduce_Bps;
  return simulate_collective(plat, s);
}

}  // namespace

TEST_CASE("point-to-point: latency + size/bandwidth within 1%", "[collective][simgrid]") {
  // One send of S from chip 0 to chip 1: alpha + S/B.
  for (double S : {1e3, 1e6, 1e9}) {
    auto r = run(CollectiveOp::SendRecv, CollectiveAlgorithm::Chain, 2, S);
    CHECK(r.time_s == Approx(kAlpha + S / kB).epsilon(0.01));
    CHECK(r.messages == 1);
  }
}

TEST_CASE("ring all-reduce: 2(n-1)/n S/B + 2(n-1) alpha", "[collective][simgrid]") {
  // 2(n-1) steps (n-1 reduce-scatter, n-1 all-gather); each step every rank sends S/n to its
  // successor while receiving S/n from its predecessor: alpha + S/(nB) per step.
  for (int n : {2, 5, 16}) {
    for (double S : {64.0 * 1024, 256.0 * 1024 * 1024}) {
      auto r = run(CollectiveOp::AllReduce, CollectiveAlgorithm::Ring, n, S);
      const double expect = 2.0 * (n - 1) / n * S / kB + 2.0 * (n - 1) * kAlpha;
      CHECK(r.time_s == Approx(expect).epsilon(0.05));
      CHECK(r.time_s == Approx(expect).epsilon(0.001));
      CHECK(r.messages == static_cast<std::uint64_t>(2 * n * (n - 1)));
      CHECK(r.busbw_Bps == Approx(r.bytes / r.time_s * 2.0 * (n - 1) / n));
    }
  }
}

TEST_CASE("ring all-gather and reduce-scatter: (n-1)/n S/B + (n-1) alpha", "[collective][simgrid]") {
  // n-1 steps of alpha + S/(nB).
  for (auto op : {CollectiveOp::AllGather, CollectiveOp::ReduceScatter}) {
    for (int n : {3, 16}) {
      const double S = 96.0 * 1024 * 1024;
      auto r = run(op, CollectiveAlgorithm::Ring, n, S);
      CHECK(r.time_s == Approx((n - 1.0) / n * S / kB + (n - 1) * kAlpha).epsilon(0.05));
      CHECK(r.time_s == Approx((n - 1.0) / n * S / kB + (n - 1) * kAlpha).epsilon(0.001));
    }
  }
}

TEST_CASE("recursive halving-doubling all-reduce: 2 log2(n) alpha + 2(n-1)/n S/B", "[collective][simgrid]") {
  // Halving step k exchanges S/2^(k+1) with one partner (log2 n steps, S(n-1)/n in total), doubling
  // mirrors it: 2 log2(n) alpha + 2(n-1)/n S/B.
  const double S = 128.0 * 1024 * 1024;
  for (int n : {4, 16}) {
    auto r = run(CollectiveOp::AllReduce, CollectiveAlgorithm::HalvingDoubling, n, S);
    CHECK(r.time_s == Approx(2 * std::log2(n) * kAlpha + 2.0 * (n - 1) / n * S / kB).epsilon(0.05));
    CHECK(r.time_s == Approx(2 * std::log2(n) * kAlpha + 2.0 * (n - 1) / n * S / kB).epsilon(0.001));
  }
  // n = 12 is not a power of two: p' = 8. Fold (alpha + S/B), 8-rank algorithm
  // (2*3 alpha + 2*7/8 S/B), unfold (alpha + S/B).
  auto r = run(CollectiveOp::AllReduce, CollectiveAlgorithm::HalvingDoubling, 12, S);
  CHECK(r.time_s == Approx(2 * (kAlpha + S / kB) + 6 * kAlpha + 2.0 * 7 / 8 * S / kB).epsilon(0.001));
}

TEST_CASE("recursive halving reduce-scatter and doubling all-gather: log2(n) alpha + (n-1)/n S/B", "[collective][simgrid]") {
  const double S = 64.0 * 1024 * 1024;
  for (auto op : {CollectiveOp::AllGather, CollectiveOp::ReduceScatter}) {
    auto r = run(op, CollectiveAlgorithm::HalvingDoubling, 16, S);
    CHECK(r.time_s == Approx(4 * kAlpha + 15.0 / 16 * S / kB).epsilon(0.001));
  }
}

TEST_CASE("all-to-all: pairwise (n-1)(alpha + S/(nB)) - direct alpha + (n-1)/n S/B", "[collective][simgrid]") {
  const double S = 32.0 * 1024 * 1024;  // each rank sends S/n to each rank
  const int n = 16;
  // Pairwise: n-1 steps, each one message of S/n out and one in per chip.
  auto p = run(CollectiveOp::AllToAll, CollectiveAlgorithm::Pairwise, n, S);
  CHECK(p.time_s == Approx((n - 1) * (kAlpha + S / (n * kB))).epsilon(0.05));
  CHECK(p.time_s == Approx((n - 1) * (kAlpha + S / (n * kB))).epsilon(0.001));
  // Direct: all n-1 messages at once share the chip's up link fairly (B/(n-1) each), all start
  // together: alpha + (S/n)/(B/(n-1)).
  auto d = run(CollectiveOp::AllToAll, CollectiveAlgorithm::Direct, n, S);
  CHECK(d.time_s == Approx(kAlpha + (n - 1.0) / n * S / kB).epsilon(0.001));
}

TEST_CASE("hierarchical all-reduce: two-level ring formula", "[collective][simgrid]") {
  const double S = 64.0 * 1024 * 1024;
  // Star, forced g = 4 chips per node, m = 4 nodes: intra RS + AG 2(g-1)(alpha + S/(gB)), inter
  // ring all-reduce on the S/g shard 2(m-1)(alpha + S/(g m B)); the g inter rings use disjoint links.
  auto r = run(CollectiveOp::AllReduce, CollectiveAlgorithm::Hierarchical, 16, S, kStar, 4);
  CHECK(r.ranks_per_node == 4);
  CHECK(r.time_s == Approx(6 * (kAlpha + S / (4 * kB)) + 6 * (kAlpha + S / (16 * kB))).epsilon(0.05));
  CHECK(r.time_s == Approx(6 * (kAlpha + S / (4 * kB)) + 6 * (kAlpha + S / (16 * kB))).epsilon(0.001));
  // Two nodes of 8 (grouping found from the platform's zones): intra as above with g = 8; inter
  // m = 2: 2 steps in which the 8 rings each send S/16 across the one 100 GB/s inter-node link
  // (each direction), max-min share 12.5 GB/s < 50 GB/s, latency 1 + 5 + 1 us.
  auto h = run(CollectiveOp::AllReduce, CollectiveAlgorithm::Hierarchical, 16, S, kTwoNodes);
  CHECK(h.ranks_per_node == 8);
  const double inter = 2 * (7e-6 + (S / 16) / (100e9 / 8));
  CHECK(h.time_s == Approx(14 * (kAlpha + S / (8 * kB)) + inter).epsilon(0.001));
}

TEST_CASE("ring all-reduce with reduction compute adds (n-1) S/(n R)", "[collective][simgrid]") {
  // Each of the n-1 reduce-scatter steps is followed by reducing S/n at R bytes/s on every rank, in
  // lock step, so the critical path grows by (n-1) S/(n R).
  const double S = 64.0 * 1024 * 1024, R = 200e9;
  const int n = 8;
  auto r = run(CollectiveOp::AllReduce, CollectiveAlgorithm::Ring, n, S, kStar, 0, R);
  const double comm = 2.0 * (n - 1) / n * S / kB + 2.0 * (n - 1) * kAlpha;
  CHECK(r.time_s == Approx(comm + (n - 1.0) * S / (n * R)).epsilon(0.001));
}

TEST_CASE("patterns in one batch are isolated and equal to separate runs", "[collective][simgrid]") {
  CollectiveSpec ar{CollectiveOp::AllReduce, CollectiveAlgorithm::Ring, first(16), 8e6, 0, 0};
  CollectiveSpec a2a{CollectiveOp::AllToAll, CollectiveAlgorithm::Pairwise, first(8), 8e6, 0, 0};
  FlowSet fs;
  fs.flows.push_back({0, 1, 1e6});
  auto batch = simulate_comm_patterns(kStar, {ar, fs, a2a, ar});
  REQUIRE(batch.size() == 4);
  const double t_ar = simulate_collective(kStar, ar).time_s;
  CHECK(std::get<CollectiveResult>(batch[0]).time_s == Approx(t_ar).epsilon(1e-9));
  CHECK(std::get<CollectiveResult>(batch[3]).time_s == Approx(t_ar).epsilon(1e-9));
  CHECK(std::get<FlowSetResult>(batch[1]).makespan_s == Approx(kAlpha + 1e6 / kB).epsilon(1e-9));
  CHECK(std::get<CollectiveResult>(batch[2]).time_s == Approx(simulate_collective(kStar, a2a).time_s).epsilon(1e-9));
}

TEST_CASE("bad collective requests are refused with the reason", "[collective][simgrid]") {
  CollectiveSpec s{CollectiveOp::AllReduce, CollectiveAlgorithm::Ring, {0, 16}, 1e6, 0, 0};
  REQUIRE_THROWS_WITH(simulate_collective(kStar, s), Catch::Contains("chip 16 is not on the platform"));
  s.chips = first(12);
  s.algorithm = CollectiveAlgorithm::Hierarchical;
  REQUIRE_THROWS_WITH(simulate_collective(kTwoNodes, s), Catch::Contains("same number of chips on every node"));
}
