// Wall-time benchmarks (hidden: run with `test_integration "[.benchmark]"`, never part of ctest).
// They write a uniform star platform of n chips into the build directory and time whole runs,
// including the fork and the platform parse; results are printed, and recorded in docs/collectives.md.
#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <iostream>

#include "sim/engine/comm_simulation.hpp"

using namespace ascendsim;

namespace {

std::string write_star(int n) {
  const std::string path = std::string(ASCENDSIM_BUILD_DIR) + "/bench_star" + std::to_string(n) + ".xml";
  std::ofstream o(path);
  o << "<?xml version=\"1.0\"?>\n<!DOCTYPE platform SYSTEM \"https://simgrid.org/simgrid.dtd\">\n"
       "<platform version=\"4.1\">\n  <zone id=\"star\" routing=\"Cluster\">\n";
  for (int i = 0; i < n; ++i)
    o << "    <host id=\"chip" << i << "\" speed=\"1Tf\"><prop id=\"role\" value=\"chip\"/><prop id=\"chip_index\" value=\""
      << i << "\"/></host>\n    <link id=\"l" << i << "\" bandwidth=\"50GBps\" latency=\"1us\" sharing_policy=\"SPLITDUPLEX\"/>\n"
      << "    <host_link id=\"chip" << i << "\" up=\"l" << i << "_UP\" down=\"l" << i << "_DOWN\"/>\n";
  o << "    <router id=\"star_router\"/>\n  </zone>\n</platform>\n";
  return path;
}

template <class F>
double wall_s(F&& f) {
  const auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

TEST_CASE("benchmark: 384-rank ring all-reduce and a 64-rank all-to-all flow set", "[.benchmark]") {
  const std::string plat = write_star(384);
  CollectiveSpec ring{CollectiveOp::AllReduce, CollectiveAlgorithm::Ring, {}, 1e9, 0, 0};
  for (int i = 0; i < 384; ++i) ring.chips.push_back(i);
  CollectiveResult r;
  const double w_ring = wall_s([&] { r = simulate_collective(plat, ring); });
  std::cout << "ring all-reduce 384 ranks: " << r.messages << " messages, simulated " << r.time_s << " s, wall "
            << w_ring << " s\n";
  CHECK(r.messages == 384u * 2 * 383);

  FlowSet ep;
  for (int s = 0; s < 64; ++s)
    for (int d = 0; d < 64; ++d)
      if (s != d) ep.flows.push_back({s, d, 1e6});
  FlowSetResult f;
  const double w_ep = wall_s([&] { f = simulate_flow_set(plat, ep); });
  std::cout << "all-to-all flow set 64 ranks: " << ep.flows.size() << " flows, simulated " << f.makespan_s
            << " s, wall " << w_ep << " s\n";

  std::vector<CommPattern> batch;
  for (int i = 0; i < 10; ++i) batch.emplace_back(ep);
  const double w_batch = wall_s([&] { simulate_comm_patterns(plat, batch); });
  std::cout << "10 such flow sets in one batch: wall " << w_batch << " s\n";
  CollectiveSpec small{CollectiveOp::AllReduce, CollectiveAlgorithm::Ring, {0, 1, 2, 3, 4, 5, 6, 7}, 1e6, 0, 0};
  const double w_small = wall_s([&] { for (int i = 0; i < 20; ++i) simulate_collective(plat, small); });
  std::cout << "per-call overhead (fork + parse 384-host platform + 8-rank ring): " << w_small / 20 << " s\n";
}
