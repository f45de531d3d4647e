// Shipped platform files load in SimGrid with the right host count, and a single point-to-point
// transfer takes latency + size / bottleneck bandwidth (closed form from the spec numbers written
// here, independently of the generator) within 1%: same node, across nodes, across supernodes/pods.
#include <catch2/catch.hpp>
#include <simgrid/s4u.hpp>

#include "sim/engine/simgrid_setup.hpp"
#include "sim/platform/platform_info.hpp"
#include "sim/engine/chip_hosts.hpp"
#include "sim/platform/simgrid_platform.hpp"

using namespace ascendsim;
namespace sg4 = simgrid::s4u;

namespace {

// Runs one transfer of `bytes` from src to dst (by chip_index, or -1 = storage host) on `xml`,
// returning the simulated seconds. One engine per call: SimGrid allows one engine per process
// at a time, so each test file uses its own process-wide engine through this helper.
struct Transfer { long src, dst; double bytes; };

std::vector<double> simulate(const std::string& xml, const std::vector<Transfer>& transfers, long* chip_count) {
  auto engine = make_simgrid_engine("test_platform");
  load_platform(*engine, xml);
  const ChipHosts chips = find_chip_hosts(*engine, xml);
  *chip_count = chips.count();
  sg4::Host* storage = storage_host(*engine);
  auto host = [&](long i) { return i < 0 ? storage : chips.host.at(static_cast<std::size_t>(i)); };
  std::vector<double> times(transfers.size());
  // One after the other, so transfers do not share links.
  sg4::Actor::create("driver", host(transfers.front().src), [&]() {
    for (std::size_t k = 0; k < transfers.size(); ++k) {
      const double t0 = sg4::Engine::get_clock();
      sg4::Comm::sendto(host(transfers[k].src), host(transfers[k].dst), transfers[k].bytes);
      times[k] = sg4::Engine::get_clock() - t0;
    }
  });
  engine->run();
  return times;
}

}  // namespace

TEST_CASE("CloudMatrix384: host count and closed-form transfer times", "[platform][simgrid]") {
  const double GB = 1e9, us = 1e-6, size = 1e9;
  const double ub = 392 * GB, rdma = 400e9 / 8, vpc = 400e9 / 8;  // per direction (spec numbers)
  long n = 0;
  // chip 0 and 1 share node 0; chip 8 is node 1 (same rack); chip 40 is node 5 (rack 1); -1 storage.
  auto t = simulate("platforms/cloudmatrix384.xml", {{0, 1, size}, {0, 8, size}, {0, 40, size}, {0, -1, size}}, &n);
  CHECK(n == 384);
  CHECK(t[0] == Approx(2 * 0.1 * us + size / ub).epsilon(0.01));
  CHECK(t[1] == Approx(2 * 0.1 * us + 0.5 * us + size / ub).epsilon(0.01));
  CHECK(t[2] == Approx(2 * 0.1 * us + 0.5 * us + size / ub).epsilon(0.01));
  CHECK(t[3] == Approx(10 * us + size / vpc).epsilon(0.01));
  (void)rdma;
}

TEST_CASE("16 x CloudMatrix384: across supernodes and across leaf groups over RDMA", "[platform][simgrid]") {
  const double us = 1e-6, size = 1e9, rdma = 400e9 / 8;
  long n = 0;
  // chip 384 is supernode 1 (same leaf group of 4); chip 1536 is supernode 4 (next group, same pod).
  auto t = simulate("platforms/cloudmatrix384x16.xml", {{0, 384, size}, {0, 1536, size}, {5, 6, size}}, &n);
  CHECK(n == 16 * 384);
  CHECK(t[0] == Approx(2 * 1 * us + 1 * 0.5 * us + size / rdma).epsilon(0.01));
  CHECK(t[1] == Approx(2 * 1 * us + 3 * 0.5 * us + size / rdma).epsilon(0.01));
  CHECK(t[2] == Approx(2 * 0.1 * us + size / 392e9).epsilon(0.01));
}

TEST_CASE("16,384 H100: NVLink in a node, RoCE across nodes and across 3,072-GPU pods", "[platform][simgrid]") {
  const double us = 1e-6, size = 1e9, roce = 400e9 / 8, nvlink = 900e9 / 2;
  long n = 0;
  // chip 8 is node 1 (same leaf group); chip 3072 is the first GPU of pod 1.
  auto t = simulate("platforms/h100-16384.xml", {{0, 1, size}, {0, 8, size}, {0, 3072, size}, {100, 16383, 1e4}}, &n);
  CHECK(n == 16384);
  CHECK(t[0] == Approx(2 * 0.25 * us + size / nvlink).epsilon(0.01));
  CHECK(t[1] == Approx(2 * 1 * us + 1 * 0.5 * us + size / roce).epsilon(0.01));
  CHECK(t[2] == Approx(2 * 1 * us + 5 * 0.5 * us + size / roce).epsilon(0.01));
  // Small message across pods: latency dominated (10 kB / 50 GB/s = 0.2 us against 4.5 us).
  CHECK(t[3] == Approx(2 * 1 * us + 5 * 0.5 * us + 1e4 / roce).epsilon(0.01));
}

// SimGrid allows one engine per process: each test case below runs in its own process under ctest
// (catch_discover_tests), so run them one by one when calling the binary directly.
static void check_loads(const std::string& file, long chips) {
  auto engine = make_simgrid_engine("test_platform");
  load_platform(*engine, file);
  const ChipHosts hosts = find_chip_hosts(*engine, file);
  CHECK(hosts.count() == chips);
  CHECK(engine->get_host_count() == chips + 1);  // + the storage host
  REQUIRE(storage_host(*engine) != nullptr);
  CHECK(read_platform_info(file).chips == chips);
  CHECK(std::string(hosts.host.back()->get_property("node")) == std::to_string((chips - 1) / 8));
}
TEST_CASE("950PR supernode platform loads: 384 chips", "[platform][simgrid]") { check_loads("platforms/cm384-950pr.xml", 384); }
TEST_CASE("H800 cluster platform loads: 2,048 chips", "[platform][simgrid]") { check_loads("platforms/h800-2048.xml", 2048); }

TEST_CASE("Atlas 950 SuperPoD: across cabinets on UnifiedBus 2.0", "[platform][simgrid]") {
  const double us = 1e-6, size = 1e9, ub2 = 1e12;  // 2 TB/s read as bidirectional total (catalogue)
  long n = 0;
  auto t = simulate("platforms/atlas950-superpod.xml", {{0, 8191, size}}, &n);
  CHECK(n == 8192);
  CHECK(t[0] == Approx(2 * 0.1 * us + 0.5 * us + size / ub2).epsilon(0.01));
}
