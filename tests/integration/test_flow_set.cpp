// Flow sets on SimGrid against hand-computed times. star16.xml: every chip has its own full-duplex
// 50 GB/s, 1 us link to one switch (alpha = 2 us chip to chip). two_nodes_16.xml: two such 8-chip
// nodes joined by one full-duplex 100 GB/s, 5 us link (alpha = 7 us across).
#include <catch2/catch.hpp>

#include "sim/engine/comm_simulation.hpp"

using namespace ascendsim;

namespace {
const std::string kStar = std::string(ASCENDSIM_SOURCE_DIR) + "/tests/data/star16.xml";
const std::string kTwoNodes = std::string(ASCENDSIM_SOURCE_DIR) + "/tests/data/two_nodes_16.xml";
constexpr double kAlpha = 2e-6, kB = 50e9;
}  // namespace

TEST_CASE("flow set: one flow is latency + size/bandwidth within 1%", "[flowset][simgrid]") {
  FlowSet fs;
  fs.flows.push_back({3, 7, 1e8});
  auto r = simulate_flow_set(kStar, fs);
  CHECK(r.makespan_s == Approx(kAlpha + 1e8 / kB).epsilon(0.01));
  CHECK(r.finish_s[0] == Approx(kAlpha + 1e8 / kB).epsilon(0.01));
}

TEST_CASE("flow set: two flows sharing one link take twice as long (max-min fairness)", "[flowset][simgrid]") {
  const double S = 1e9;
  FlowSet one, shared, disjoint;
  one.flows = {{0, 1, S}};
  shared.flows = {{0, 1, S}, {0, 2, S}};    // both leave through chip 0's up link: B/2 each
  disjoint.flows = {{0, 1, S}, {2, 3, S}};  // no common link: B each
  auto res = simulate_comm_patterns(kStar, {one, shared, disjoint});
  const double t1 = std::get<FlowSetResult>(res[0]).makespan_s;
  const auto& r2 = std::get<FlowSetResult>(res[1]);
  CHECK(r2.finish_s[0] == Approx(r2.finish_s[1]));
  CHECK(r2.makespan_s - kAlpha == Approx(2 * (t1 - kAlpha)).epsilon(0.001));
  CHECK(std::get<FlowSetResult>(res[2]).makespan_s == Approx(t1).epsilon(1e-9));
}

TEST_CASE("flow set: phases, delays and flow chains", "[flowset][simgrid]") {
  const double S = 5e7, hop = kAlpha + S / kB;  // 1.002 ms
  FlowSet fs;
  fs.phases = {FlowPhase{}, FlowPhase{{0}, 1e-3}, FlowPhase{}};
  fs.flows.push_back({0, 1, S, 0});                // phase 0: one hop
  fs.flows.push_back({1, 2, S, 1});                // phase 1: after phase 0 + 1 ms compute
  fs.flows.push_back({4, 5, S, 2, 0.5e-3});        // phase 2: independent, starts at 0.5 ms
  fs.flows.push_back({5, 6, S, 2, 0.0, 2});        // pipeline: after flow 2 finishes
  fs.flows.push_back({9, 9, S, 2});                // same chip: finishes at its start
  auto r = simulate_flow_set(kStar, fs);
  CHECK(r.finish_s[0] == Approx(hop).epsilon(1e-6));
  CHECK(r.phase_start_s[1] == Approx(hop + 1e-3).epsilon(1e-6));
  CHECK(r.start_s[1] == Approx(hop + 1e-3).epsilon(1e-6));
  CHECK(r.finish_s[1] == Approx(2 * hop + 1e-3).epsilon(1e-6));
  CHECK(r.start_s[2] == Approx(0.5e-3).epsilon(1e-6));
  CHECK(r.finish_s[3] == Approx(0.5e-3 + 2 * hop).epsilon(1e-6));
  CHECK(r.finish_s[4] == Approx(0.0).margin(1e-12));
  CHECK(r.makespan_s == Approx(2 * hop + 1e-3).epsilon(1e-6));  // flow 1 ends last
}

TEST_CASE("flow set: cross-node flows share the inter-node link", "[flowset][simgrid]") {
  // 8 flows node 0 -> node 1 (chip i -> chip 8+i): each 1/8 of 100 GB/s = 12.5 GB/s < 50 GB/s.
  const double S = 1e8;
  FlowSet fs;
  for (int i = 0; i < 8; ++i) fs.flows.push_back({i, 8 + i, S});
  auto r = simulate_flow_set(kTwoNodes, fs);
  CHECK(r.makespan_s == Approx(7e-6 + S / 12.5e9).epsilon(0.001));
  // An EP-16 dispatch (every chip sends S/16 to every other chip). SimGrid CM02 shares bandwidth by
  // weighted max-min with each flow's weight 1/(route latency) (penalty = latency, weight-S = 0), so
  // intra flows (2 us) get 3.5x the share of cross flows (7 us) on a common link.
  //  - 2..7 us: only the 7 intra flows per chip are past their latency: 50/7 GB/s each.
  //  - from 7 us: chip up link (7 intra, 8 cross) binds first: lambda (7/2us + 8/7us) = 50 GB/s,
  //    intra 5.3846 GB/s, cross 1.5385 GB/s (the inter link carries 64 x 1.5385 < 100 GB/s).
  //  - intra flows end at 7 us + (S/16 - 5 us x 50/7 GB/s) / 5.3846 GB/s; then the 64 cross flows
  //    share the inter link fairly (equal latency): 1.5625 GB/s each for what is left.
  FlowSet a2a;
  for (int s = 0; s < 16; ++s)
    for (int d = 0; d < 16; ++d)
      if (s != d) a2a.flows.push_back({s, d, S / 16});
  auto q = simulate_flow_set(kTwoNodes, a2a);
  const double m = S / 16;
  const double lambda = 50e9 / (7 / 2e-6 + 8 / 7e-6);
  const double intra_rate = lambda / 2e-6, cross_rate = lambda / 7e-6;
  const double t_intra = 7e-6 + (m - 5e-6 * 50e9 / 7) / intra_rate;
  const double t_cross = t_intra + (m - cross_rate * (t_intra - 7e-6)) / (100e9 / 64);
  CHECK(q.finish_s[0] == Approx(t_intra).epsilon(0.001));  // chip 0 -> 1, intra-node
  CHECK(q.makespan_s == Approx(t_cross).epsilon(0.001));
}

TEST_CASE("flow set: bad flows are refused with the flow named", "[flowset][simgrid]") {
  FlowSet fs;
  fs.flows.push_back({0, 16, 1.0});
  REQUIRE_THROWS_WITH(simulate_flow_set(kStar, fs), Catch::Contains("flow 0: chips must be in 0..15"));
  fs.flows = {{0, 1, 1.0, 0, 0.0, 0}};
  REQUIRE_THROWS_WITH(simulate_flow_set(kStar, fs), Catch::Contains("after_flow must be -1 or an earlier flow"));
  fs.flows = {{0, 1, 1.0, 1}};
  REQUIRE_THROWS_WITH(simulate_flow_set(kStar, fs), Catch::Contains("phase must be in 0..0"));
}

TEST_CASE("a platform without chip hosts is an input error naming the file", "[flowset][simgrid]") {
  const std::string plat = std::string(ASCENDSIM_SOURCE_DIR) + "/tests/data/no_chips.xml";
  FlowSet fs;
  REQUIRE_THROWS_WITH(simulate_flow_set(plat, fs), Catch::Contains("no_chips.xml: no host has the property role=\"chip\""));
  REQUIRE_THROWS_WITH(simulate_flow_set("tests/data/missing.xml", fs), Catch::Contains("cannot open the platform file"));
}
