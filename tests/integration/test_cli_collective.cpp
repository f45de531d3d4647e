// `ascendsim collective` end to end: JSON output against the ring all-reduce closed form on the
// 16-chip star (alpha = 2 us, B = 50 GB/s), and bad arguments exit 2 with a message and no output.
#include <catch2/catch.hpp>

#include "tests/support/run_cli.hpp"

#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <sys/wait.h>

namespace {

using ascendsim::testing::run_cli;

}  // namespace

TEST_CASE("ascendsim collective --json gives time_s, algbw and busbw", "[collective][cli]") {
  auto r = run_cli("collective --platform tests/data/star16.xml --op allreduce --bytes 64MiB --chips 8 --json");
  REQUIRE(r.status == 0);
  auto j = nlohmann::json::parse(r.out);
  const double S = 64.0 * 1024 * 1024;
  const double t = 2.0 * 7 / 8 * S / 50e9 + 14 * 2e-6;  // ring: 2(n-1)/n S/B + 2(n-1) alpha
  CHECK(j["algorithm"] == "ring");
  CHECK(j["time_s"].get<double>() == Approx(t).epsilon(0.001));
  CHECK(j["algbw_Bps"].get<double>() == Approx(S / t).epsilon(0.001));
  CHECK(j["busbw_Bps"].get<double>() == Approx(S / t * 2 * 7 / 8).epsilon(0.001));
}

TEST_CASE("ascendsim collective: text output names the algorithm", "[collective][cli]") {
  auto r = run_cli("collective --platform tests/data/two_nodes_16.xml --op allreduce --bytes 1MiB --chips 16 "
                   "--algorithm hierarchical");
  REQUIRE(r.status == 0);
  CHECK(r.out.find("allreduce (hierarchical)") != std::string::npos);
  CHECK(r.out.find("(8 per node)") != std::string::npos);
}

TEST_CASE("ascendsim collective: bad arguments exit 2 with the reason", "[collective][cli]") {
  auto a = run_cli("collective --platform tests/data/star16.xml --op broadcast --bytes 1MiB --chips 4");
  CHECK(a.status == 2);
  CHECK(a.out.find("--op: expected one of allreduce") != std::string::npos);
  auto b = run_cli("collective --platform tests/data/star16.xml --op allreduce --bytes 1MiB --chips 17");
  CHECK(b.status == 2);
  CHECK(b.out.find("--chips: expected 1..16") != std::string::npos);
  auto c = run_cli("collective --platform tests/data/star16.xml --op allgather --bytes 1MiB --chips 12 "
                   "--algorithm halving_doubling");
  CHECK(c.status == 2);
  CHECK(c.out.find("power-of-two chip count, found 12") != std::string::npos);
  auto d = run_cli("collective --platform tests/data/star16.xml --op allreduce --bytes 12parsecs --chips 4");
  CHECK(d.status == 2);
  CHECK(d.out.find("--bytes") != std::string::npos);
  auto e = run_cli("collective --platform tests/data/nope.xml --op allreduce --bytes 1MiB --chips 4");
  CHECK(e.status == 2);
  CHECK(e.out.find("nope.xml: cannot open the platform file") != std::string::npos);
}

TEST_CASE("ascendsim collective: same inputs give byte-identical output", "[collective][cli]") {
  const std::string args = "collective --platform tests/data/two_nodes_16.xml --op alltoall --bytes 3MiB --chips 16 "
                           "--algorithm direct --json";
  auto a = run_cli(args);
  auto b = run_cli(args);
  REQUIRE(a.status == 0);
  CHECK(a.out == b.out);
}
